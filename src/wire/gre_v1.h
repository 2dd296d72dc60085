// The enhanced GRE header (version 1) that carries PPTP's PPP frames
// (RFC 2637 section 4.1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/gre_error.h"

namespace pptpkit::wire {

inline constexpr std::uint16_t kGreProtocolPpp = 0x880B;  // RFC 2637 4.1: Protocol Type
inline constexpr std::size_t kGreV1MinHeaderSize = 8;     // flags, protocol, Key
inline constexpr std::size_t kGreV1MaxHeaderSize = 16;    // plus Sequence and Acknowledgment

struct GreV1Header {
  std::uint16_t payload_length = 0;                      // Key (HW): payload octets after the header
  std::uint16_t call_id = 0;                             // Key (LW): the peer's Call ID
  std::optional<std::uint32_t> sequence = std::nullopt;  // present if S
  std::optional<std::uint32_t> ack = std::nullopt;       // Acknowledgment Number, present if A

  bool operator==(const GreV1Header&) const = default;
};

struct GreV1Packet {
  GreV1Header header;
  // Exactly payload_length octets following the header.
  Bytes payload;
};

// Octets the header occupies: 8, plus 4 for each of sequence and ack present.
std::size_t header_size(const GreV1Header& header);

// Decodes a version 1 header at the start of `data` (the bytes after the IP
// header) and returns it with its payload (RFC 2637 section 4.1). Refuses C,
// R, s, Recur or Flags non-zero, K clear, a Protocol Type other than 0x880B,
// and a non-empty payload without S: only S-bearing packets carry data, and
// an acknowledgment-only packet (S clear, A set) has Payload Length 0.
// Octets beyond Payload Length are padding and are not part of the payload;
// fewer octets than Payload Length is an error, as in the Linux kernel.
Result<GreV1Packet, GreError> decode_gre_v1(Bytes data);

// Writes the header (RFC 2637 section 4.1) into the start of `out`, which
// the payload follows, and returns header_size(header). The caller keeps
// payload_length consistent with the payload and sets sequence when the
// payload is not empty.
Result<std::size_t, GreError> encode_gre_v1(const GreV1Header& header, MutableBytes out);

}  // namespace pptpkit::wire
