#include <array>

#include "ppp_fuzz_check.h"
#include "wire/ppp_control.h"
#include "wire/ppp_names.h"
#include "wire/ppp_option_format.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

using namespace pptpkit;
using namespace pptpkit::wire;

namespace {

// Typed decoders must accept what they re-encode byte for byte.
void check_typed_option(std::uint16_t protocol, const PppOption& option, Bytes raw) {
  const auto same = [&](auto&& encode) { fuzz::require_encodes_to(raw, encode); };
  const std::uint8_t type = option.type;
  if (auto v = decode_u16_option(option))
    same([&](MutableBytes out) { return encode_u16_option(type, *v, out); });
  if (auto v = decode_u32_option(option))
    same([&](MutableBytes out) { return encode_u32_option(type, *v, out); });
  if (decode_empty_option(option)) same([&](MutableBytes out) { return encode_ppp_option(type, {}, out); });
  if (protocol == kPppLcp && type == kLcpAuthenticationProtocol) {
    if (auto v = decode_authentication_protocol_option(option)) {
      same([&](MutableBytes out) { return encode_authentication_protocol_option(*v, out); });
    }
  }
  if (protocol == kPppLcp && type == kLcpCallback) {
    if (auto v = decode_callback_option(option))
      same([&](MutableBytes out) { return encode_callback_option(*v, out); });
  }
  if (protocol == kPppLcp && type == kLcpEndpointDiscriminator) {
    if (auto v = decode_endpoint_discriminator_option(option)) {
      same([&](MutableBytes out) { return encode_endpoint_discriminator_option(*v, out); });
    }
  }
  if (protocol == kPppIpcp && type == kIpcpIpCompressionProtocol) {
    if (auto v = decode_ip_compression_protocol_option(option)) {
      same([&](MutableBytes out) { return encode_ip_compression_protocol_option(*v, out); });
    }
  }
  if (protocol == kPppIpv6cp && type == kIpv6cpInterfaceIdentifier) {
    if (auto v = decode_interface_identifier_option(option)) {
      same([&](MutableBytes out) { return encode_interface_identifier_option(*v, out); });
    }
  }
  fuzz::require(!format_option(protocol, type, option.value).empty());
}

void check_accessors(const PppControlPacket& packet) {
  if (auto reject = decode_protocol_reject(packet)) {
    fuzz::EncodeBuffer out{};
    auto n = encode_protocol_reject(packet.identifier, *reject, out);
    fuzz::require(n && *n == packet.length);
  }
  if (auto echo = decode_magic_number_packet(packet)) {
    fuzz::EncodeBuffer out{};
    auto n = encode_magic_number_packet(packet.code, packet.identifier, *echo, out);
    fuzz::require(n && *n == packet.length);
  }
  if (auto rejected = decode_code_reject(packet)) fuzz::require(rejected->size() + 4 == packet.length);
}

}  // namespace

// Input: one octet choosing the control protocol, then a control packet.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<std::uint16_t, 5> kProtocols{kPppLcp, kPppIpcp, kPppIpv6cp, kPppCcp, kPppCbcp};
  if (size == 0) return 0;
  const std::uint16_t protocol = kProtocols[data[0] % kProtocols.size()];
  const Bytes input(data + 1, size - 1);
  auto packet = decode_ppp_control_packet(input);
  if (!packet) return 0;
  (void)ppp_code_name(protocol, packet->code);
  fuzz::require_encodes_to(input.first(packet->length), [&](MutableBytes out) {
    return encode_ppp_control_packet(packet->code, packet->identifier, packet->data, out);
  });
  check_accessors(*packet);
  Bytes rest = packet->data;
  for (PppOptionReader r(packet->data); !r.done();) {
    auto option = r.next();
    if (!option) break;
    check_typed_option(protocol, *option, rest.first(option->length));
    rest = rest.subspan(option->length);
  }
  return 0;
}
