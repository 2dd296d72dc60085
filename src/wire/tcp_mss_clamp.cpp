#include "wire/tcp_mss_clamp.h"

#include "wire/ipv4.h"
#include "wire/tcp_header.h"

namespace pptpkit::wire {
namespace {

constexpr std::size_t kTcpChecksumOffset = 16;

std::uint16_t read_u16(Bytes data, std::size_t at) {
  return static_cast<std::uint16_t>((data[at] << 8) | data[at + 1]);
}

void write_u16(MutableBytes data, std::size_t at, std::uint16_t value) {
  data[at] = static_cast<std::uint8_t>(value >> 8);
  data[at + 1] = static_cast<std::uint8_t>(value);
}

std::uint16_t swap_octets(std::uint16_t v) { return static_cast<std::uint16_t>((v << 8) | (v >> 8)); }

// RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), in one's complement arithmetic:
// the form that RFC derives because RFC 1141's shortcut can produce -0.
std::uint16_t adjust_checksum(std::uint16_t checksum, std::uint16_t old_word, std::uint16_t new_word) {
  std::uint32_t sum =
      std::uint32_t{static_cast<std::uint16_t>(~checksum)} + static_cast<std::uint16_t>(~old_word) + new_word;
  while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

}  // namespace

std::string_view to_string(MssClamp c) {
  switch (c) {
    case MssClamp::kClamped:
      return "clamped";
    case MssClamp::kUnchanged:
      return "unchanged";
    case MssClamp::kMalformed:
      return "malformed";
  }
  return "unknown";
}

MssClamp clamp_tcp_mss(MutableBytes packet, std::uint16_t limit) {
  const auto ip = decode_ipv4(packet);
  if (!ip) return packet.empty() || (packet[0] >> 4) != 4 ? MssClamp::kUnchanged : MssClamp::kMalformed;
  // Only the first fragment carries the TCP header.
  if (ip->header.protocol != kIpProtocolTcp || ip->header.fragment_offset != 0) return MssClamp::kUnchanged;
  const auto tcp = decode_tcp_header(ip->payload);
  if (!tcp) return MssClamp::kMalformed;
  if (!tcp->has(kTcpSyn)) return MssClamp::kUnchanged;
  const auto mss = find_tcp_mss(*tcp);
  if (!mss) return MssClamp::kMalformed;
  if (!*mss || (*mss)->mss <= limit) return MssClamp::kUnchanged;

  const MutableBytes segment = packet.subspan(kIpv4HeaderSize + ip->options.size(), ip->payload.size());
  const std::size_t value_at = (*mss)->offset + 2;
  write_u16(segment, value_at, limit);
  // The checksum sums 16-bit words from the segment's start. A value at an
  // odd offset straddles two words, high octet in the low half of one and
  // low octet in the high half of the next, so it adds in byte-swapped
  // (RFC 1071 section 2(B): the sum is byte-order independent).
  std::uint16_t old_word = (*mss)->mss;
  std::uint16_t new_word = limit;
  if (value_at % 2 != 0) {
    old_word = swap_octets(old_word);
    new_word = swap_octets(new_word);
  }
  write_u16(segment, kTcpChecksumOffset,
            adjust_checksum(read_u16(segment, kTcpChecksumOffset), old_word, new_word));
  return MssClamp::kClamped;
}

}  // namespace pptpkit::wire
