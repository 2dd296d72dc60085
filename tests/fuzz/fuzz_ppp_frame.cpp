#include "ppp_fuzz_check.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_names.h"
#include "wire/ppp_protocol.h"

using namespace pptpkit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Bytes input(data, size);
  auto frame = wire::decode_ppp_frame(input);
  if (!frame) return 0;
  (void)wire::ppp_protocol_name(frame->protocol);
  const wire::PppFrameOptions options{.acfc = frame->acfc_used, .pfc = frame->pfc_used};
  fuzz::EncodeBuffer out{};
  auto n = wire::encode_ppp_frame(frame->protocol, frame->information, options, out);
  fuzz::require(static_cast<bool>(n));
  fuzz::require(*n == wire::ppp_header_size(frame->protocol, options) + frame->information.size());
  // The encoder never compresses LCP (RFC 1661 6.6), so only an LCP frame
  // received without Address and Control can come back different.
  if (frame->protocol != wire::kPppLcp || !frame->acfc_used) fuzz::require_same(Bytes(out.data(), *n), input);
  auto again = wire::decode_ppp_frame(Bytes(out.data(), *n));
  fuzz::require(again && again->protocol == frame->protocol);
  fuzz::require_same(again->information, frame->information);
  return 0;
}
