#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

#include "wire/gre_dispatch.h"
#include "wire/gre_flags.h"

using namespace pptpkit;
using namespace pptpkit::wire;

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

// Every bit of a version 1 header follows from the decoded fields, so the
// re-encoded header must equal the input's.
void check_v1(Bytes data, const GreV1Packet& p) {
  std::array<std::uint8_t, kGreV1MaxHeaderSize> out{};
  auto n = encode_gre_v1(p.header, out);
  require(n && *n == header_size(p.header) && p.payload.data() == data.data() + *n);
  require(std::equal(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n), data.begin()));
}

// Version 0 drops what RFC 2784 2.3 and 2.6 ignore (Reserved0 bits 6-12,
// Reserved1), so re-encoding must decode to the same header, and must give
// the same bytes when the input left those zero. The checksum octets are not
// compared: one's complement has two zeros, and 0x0000 and 0xFFFF both
// verify when the other words sum to 0xFFFF.
void check_v0(Bytes data, const GreV0Packet& p) {
  const std::size_t size = header_size(p.header);
  std::vector<std::uint8_t> out(size + p.payload.size());
  auto n = encode_gre_v0(p.header, p.payload, out);
  require(n && *n == size && p.payload.data() == data.data() + size);
  std::copy(p.payload.begin(), p.payload.end(), out.begin() + static_cast<std::ptrdiff_t>(size));
  auto again = decode_gre_v0(out);
  require(again && again->header == p.header);

  const bool ignored_zero = (data[0] & 0x03) == 0 && (data[1] & 0xF8) == 0 &&
                            (!p.header.checksum_present || (data[6] == 0 && data[7] == 0));
  if (!ignored_zero) return;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool checksum_octet = p.header.checksum_present && (i == 4 || i == 5);
    require(checksum_octet || out[i] == data[i]);
  }
}

// dispatch_gre must agree with the decoder of the packet's version.
template <class Packet, class Decode>
void check_dispatch(Bytes data, const Result<GreDispatch, GreDrop>& d, GreDropReason bad, Decode decode) {
  auto p = decode(data);
  require(p.has_value() == d.has_value());
  if (!p) {
    require(d.error().reason == bad && d.error().error == p.error());
    return;
  }
  const auto& dispatched = std::get<Packet>(d->packet);
  require(dispatched.header == p->header && dispatched.payload.data() == p->payload.data() &&
          dispatched.payload.size() == p->payload.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Bytes bytes(data, size);
  auto d = dispatch_gre(bytes);
  if (size < kGreBaseHeaderSize) {
    require(!d && d.error().reason == GreDropReason::kTruncated);
    return 0;
  }
  switch (data[1] & kGreVersionMask) {
    case 0:
      check_dispatch<GreV0Packet>(bytes, d, GreDropReason::kBadPlainGreHeader, decode_gre_v0);
      if (d) check_v0(bytes, std::get<GreV0Packet>(d->packet));
      break;
    case 1:
      check_dispatch<GreV1Packet>(bytes, d, GreDropReason::kBadPptpHeader, decode_gre_v1);
      if (d) check_v1(bytes, std::get<GreV1Packet>(d->packet));
      break;
    default:
      require(!d && d.error().reason == GreDropReason::kUnknownVersion);
  }
  return 0;
}
