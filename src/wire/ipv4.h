// The IPv4 header (RFC 791 section 3.1): parsed from what a raw socket
// delivers (the whole datagram), written by tests, the pcap writer and TUN
// tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace pptpkit::wire {

inline constexpr std::size_t kIpv4HeaderSize = 20;  // without options (IHL 5)
inline constexpr std::uint8_t kIpProtocolTcp = 6;
inline constexpr std::uint8_t kIpProtocolGre = 47;
inline constexpr std::uint8_t kIpv4DontFragment = 0x2;   // Flags bit 1
inline constexpr std::uint8_t kIpv4MoreFragments = 0x1;  // Flags bit 2

enum class Ipv4Error : std::uint8_t {
  kTruncated,        // fewer octets than 20 or than Total Length
  kNotVersion4,      // Version is not 4
  kBadHeaderLength,  // IHL below 5
  kBadTotalLength,   // Total Length shorter than the header (IHL)
  kBufferTooSmall,   // encoder output span is smaller than 20 octets
};

std::string_view to_string(Ipv4Error e);

struct Ipv4Header {
  std::uint8_t type_of_service = 0;
  std::uint16_t total_length = 0;  // header and data, in octets
  std::uint16_t identification = 0;
  std::uint8_t flags = 0;             // 3 bits: reserved, DF, MF
  std::uint16_t fragment_offset = 0;  // 13 bits, in units of 8 octets
  std::uint8_t time_to_live = 64;
  std::uint8_t protocol = 0;
  std::uint16_t header_checksum = 0;
  std::uint32_t source_address = 0;
  std::uint32_t destination_address = 0;

  // Part of a fragmented datagram: more fragments follow or this one is not
  // the first (RFC 791 section 2.3, "Fragmentation").
  bool is_fragment() const { return (flags & kIpv4MoreFragments) != 0 || fragment_offset != 0; }

  bool operator==(const Ipv4Header&) const = default;
};

struct Ipv4Packet {
  Ipv4Header header;
  Bytes options;  // IHL * 4 - 20 octets, options and padding undecoded
  Bytes payload;  // Total Length - IHL * 4 octets
  // The Header Checksum verifies. Reported rather than enforced so the
  // caller decides (and counts) what to do with a bad one.
  bool checksum_ok = false;
};

// Decodes the datagram at the start of `data` (RFC 791 section 3.1). Octets
// beyond Total Length are not part of it and are left out of the payload;
// fewer octets than Total Length is kTruncated. Neither the protocol nor the
// fragment fields are judged here.
Result<Ipv4Packet, Ipv4Error> decode_ipv4(Bytes data);

// Writes a 20-octet header without options (IHL 5) into the start of `out`
// and returns 20. header.header_checksum is ignored: the checksum is computed
// (RFC 791 section 3.1, "Header Checksum"). flags and fragment_offset are
// masked to their 3 and 13 bits.
Result<std::size_t, Ipv4Error> encode_ipv4_header(const Ipv4Header& header, MutableBytes out);

}  // namespace pptpkit::wire
