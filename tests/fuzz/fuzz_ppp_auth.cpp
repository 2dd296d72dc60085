#include "ppp_fuzz_check.h"
#include "wire/ppp_auth.h"
#include "wire/ppp_cbcp.h"
#include "wire/ppp_options.h"

using namespace pptpkit;
using namespace pptpkit::wire;

namespace {

// PAP ignores octets after its last field, so a re-encoded packet can be
// shorter than the input; it must decode to the same fields.
void check_pap(const PppControlPacket& packet) {
  fuzz::EncodeBuffer out{};
  if (auto request = decode_pap_request(packet)) {
    auto n = encode_pap_request(packet.identifier, *request, out);
    fuzz::require(n && *n <= packet.length);
    auto again = decode_pap_request(*decode_ppp_control_packet(Bytes(out.data(), *n)));
    fuzz::require(again && again->peer_id == request->peer_id && again->password == request->password);
  }
  if (auto message = decode_pap_message(packet)) {
    auto n = encode_pap_message(packet.code, packet.identifier, *message, out);
    fuzz::require(n && *n <= packet.length);
    auto again = decode_pap_message(*decode_ppp_control_packet(Bytes(out.data(), *n)));
    fuzz::require(again && *again == *message);
  }
}

void check_chap(const PppControlPacket& packet, Bytes raw) {
  if (auto chap = decode_chap_challenge_response(packet)) {
    fuzz::require_encodes_to(raw, [&](MutableBytes out) {
      return encode_chap_challenge_response(packet.code, packet.identifier, *chap, out);
    });
    if (auto v1 = decode_mschapv1_response(chap->value)) {
      fuzz::require_encodes_to(chap->value,
                               [&](MutableBytes out) { return encode_mschapv1_response(*v1, out); });
    }
    if (auto v2 = decode_mschapv2_response(chap->value)) {
      fuzz::require_encodes_to(chap->value,
                               [&](MutableBytes out) { return encode_mschapv2_response(*v2, out); });
    }
    (void)decode_mschapv1_challenge(chap->value);
    (void)decode_mschapv2_challenge(chap->value);
  }
  if (auto message = decode_chap_message(packet)) {
    fuzz::require_encodes_to(raw, [&](MutableBytes out) {
      return encode_chap_message(packet.code, packet.identifier, *message, out);
    });
  }
}

void check_cbcp(const PppControlPacket& packet) {
  for (PppOptionReader r(packet.data); !r.done();) {
    auto option = r.next();
    if (!option) break;
    const CbcpOption cbcp = decode_cbcp_option(*option);
    fuzz::EncodeBuffer out{};
    auto n = encode_cbcp_option(cbcp, out);
    fuzz::require(static_cast<bool>(n));
    auto again = decode_ppp_option(Bytes(out.data(), *n));
    fuzz::require(static_cast<bool>(again));
    const CbcpOption back = decode_cbcp_option(*again);
    fuzz::require(back.callback_type == cbcp.callback_type && back.callback_delay == cbcp.callback_delay);
    fuzz::require(back.callback_address.has_value() == cbcp.callback_address.has_value());
    if (cbcp.callback_address)
      fuzz::require(back.callback_address->address == cbcp.callback_address->address);
  }
}

}  // namespace

// Input: a control packet read as PAP, CHAP (with the MS-CHAP value layouts)
// and CBCP in turn; each decoder refuses the codes it does not handle.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto packet = decode_ppp_control_packet(Bytes(data, size));
  if (!packet) return 0;
  const Bytes raw(data, packet->length);
  check_pap(*packet);
  check_chap(*packet, raw);
  check_cbcp(*packet);
  return 0;
}
