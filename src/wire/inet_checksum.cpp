#include "wire/inet_checksum.h"

namespace pptpkit::wire {

std::uint16_t inet_sum(Bytes data, std::uint16_t partial) {
  // A 64-bit accumulator cannot overflow for any span that fits in memory,
  // so the end-around carries are folded once at the end (RFC 1071 2(B)).
  std::uint64_t sum = partial;
  std::size_t i = 0;
  for (; i + 1 < data.size(); i += 2) sum += (std::uint32_t{data[i]} << 8) | data[i + 1];
  if (i < data.size()) sum += std::uint32_t{data[i]} << 8;
  while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(sum);
}

std::uint16_t inet_checksum(Bytes data, std::uint16_t partial) {
  return static_cast<std::uint16_t>(~inet_sum(data, partial));
}

}  // namespace pptpkit::wire
