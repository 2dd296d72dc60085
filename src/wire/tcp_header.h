// The TCP header (RFC 9293 section 3.1) and its options. decode reads only;
// the offsets it reports let a caller rewrite a field in place (the server
// clamps the MSS option of connections it forwards).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace pptpkit::wire {

inline constexpr std::size_t kTcpMinHeaderSize = 20;
inline constexpr std::size_t kTcpMaxHeaderSize = 60;
inline constexpr std::uint16_t kPptpTcpPort = 1723;  // RFC 2637 section 1.3

// Control bits, RFC 9293 section 3.1 (CWR and ECE from RFC 3168).
inline constexpr std::uint8_t kTcpFin = 0x01;
inline constexpr std::uint8_t kTcpSyn = 0x02;
inline constexpr std::uint8_t kTcpRst = 0x04;
inline constexpr std::uint8_t kTcpPsh = 0x08;
inline constexpr std::uint8_t kTcpAck = 0x10;
inline constexpr std::uint8_t kTcpUrg = 0x20;
inline constexpr std::uint8_t kTcpEce = 0x40;
inline constexpr std::uint8_t kTcpCwr = 0x80;

// Option kinds, RFC 9293 section 3.2 (window scale, SACK, timestamps from
// RFC 7323 and RFC 2018).
inline constexpr std::uint8_t kTcpOptionEnd = 0;
inline constexpr std::uint8_t kTcpOptionNop = 1;
inline constexpr std::uint8_t kTcpOptionMss = 2;
inline constexpr std::uint8_t kTcpOptionWindowScale = 3;
inline constexpr std::uint8_t kTcpOptionSackPermitted = 4;
inline constexpr std::uint8_t kTcpOptionSack = 5;
inline constexpr std::uint8_t kTcpOptionTimestamps = 8;

enum class TcpError : std::uint8_t {
  kTruncated,      // fewer than 20 octets, or fewer than the data offset says
  kBadDataOffset,  // data offset below 5 words
  kBadOption,      // an option's length is below 2 or runs past the header
  kBadMssLength,   // the MSS option is not 4 octets long
};

std::string_view to_string(TcpError e);

struct TcpHeader {
  std::uint16_t source_port = 0;
  std::uint16_t destination_port = 0;
  std::uint32_t sequence_number = 0;
  std::uint32_t acknowledgment_number = 0;
  std::uint8_t data_offset = 5;  // header length in 32-bit words
  std::uint8_t reserved = 0;     // the 4 bits between data offset and the control bits
  std::uint8_t flags = 0;        // control bits, kTcpFin ... kTcpCwr
  std::uint16_t window = 0;
  std::uint16_t checksum = 0;
  std::uint16_t urgent_pointer = 0;
  Bytes options;  // the raw option area (data_offset * 4 - 20 octets)
  Bytes payload;  // everything after the header

  bool has(std::uint8_t flag) const { return (flags & flag) != 0; }
  std::size_t header_size() const { return std::size_t{data_offset} * 4; }
};

// One option. `offset` is the position of its kind octet from the start of
// the TCP header, so a caller can patch the value in the original segment.
struct TcpOption {
  std::uint8_t kind = 0;
  std::size_t offset = 0;
  Bytes data;  // the octets after kind and length (empty for End and NOP)
};

// Decodes the header at the start of `segment` (header + payload, as found
// after the IP header). Options are kept raw; walk them with TcpOptionReader.
// RFC 9293 section 3.1.
Result<TcpHeader, TcpError> decode_tcp_header(Bytes segment);

// Walks an option area (RFC 9293 section 3.2): End stops the walk, NOP is
// returned as an option of its own so offsets stay exact.
class TcpOptionReader {
 public:
  explicit TcpOptionReader(const TcpHeader& header) : options_(header.options) {}
  explicit TcpOptionReader(Bytes options) : options_(options) {}

  // The next option, std::nullopt at the end, or kBadOption once malformed
  // (and on every call after that).
  Result<std::optional<TcpOption>, TcpError> next();

 private:
  Bytes options_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

// The Maximum Segment Size option's value and the offset of that option's
// kind octet, found by walking `header`'s options. RFC 9293 section 3.7.1.
struct TcpMss {
  std::uint16_t mss = 0;
  std::size_t offset = 0;
};
Result<std::optional<TcpMss>, TcpError> find_tcp_mss(const TcpHeader& header);

}  // namespace pptpkit::wire
