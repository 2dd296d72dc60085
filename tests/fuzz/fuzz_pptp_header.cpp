#include "wire/pptp_header.h"

#include <array>
#include <cstdlib>

using namespace pptpkit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto header = wire::decode_pptp_header(Bytes(data, size));
  if (!header) return 0;
  // What decodes must re-encode to the same 12 octets.
  std::array<std::uint8_t, wire::kPptpHeaderSize> out{};
  if (!wire::encode_pptp_header(*header, out)) std::abort();
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != data[i]) std::abort();
  }
  return 0;
}
