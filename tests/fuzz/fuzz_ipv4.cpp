#include <algorithm>
#include <cstdlib>
#include <vector>

#include "wire/inet_checksum.h"
#include "wire/ipv4.h"

using namespace pptpkit;
using namespace pptpkit::wire;

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto p = decode_ipv4(Bytes(data, size));
  if (!p) return 0;
  const Ipv4Header& h = p->header;
  const std::size_t header_length = std::size_t{4} * (data[0] & 0x0Fu);
  require(p->options.data() == data + kIpv4HeaderSize &&
          p->options.size() == header_length - kIpv4HeaderSize);
  require(p->payload.data() == data + header_length && p->payload.size() == h.total_length - header_length);
  require(p->checksum_ok == (inet_checksum(Bytes(data, header_length)) == 0));
  require(h.is_fragment() == ((data[6] & 0x3F) != 0 || data[7] != 0));

  // The encoder writes no options; without them the header must come back
  // bit for bit, apart from the checksum: one's complement has two zeros and
  // 0x0000 and 0xFFFF both verify when the other words sum to 0xFFFF.
  if (!p->options.empty()) return 0;
  std::vector<std::uint8_t> out(h.total_length);
  auto n = encode_ipv4_header(h, out);
  require(n && *n == kIpv4HeaderSize);
  for (std::size_t i = 0; i < kIpv4HeaderSize; ++i) require(i == 10 || i == 11 || out[i] == data[i]);
  std::copy(p->payload.begin(), p->payload.end(), out.begin() + static_cast<std::ptrdiff_t>(kIpv4HeaderSize));
  auto again = decode_ipv4(out);
  require(again && again->checksum_ok);
  Ipv4Header expected = h;
  expected.header_checksum = again->header.header_checksum;
  require(again->header == expected);
  return 0;
}
