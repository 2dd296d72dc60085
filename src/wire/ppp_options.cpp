#include "wire/ppp_options.h"

#include <algorithm>

#include "wire/ppp_protocol.h"

namespace pptpkit::wire {

Result<PppOption, PppError> decode_ppp_option(Bytes data) {
  ByteReader r(data);
  PppOption option;
  option.type = r.u8();
  option.length = r.u8();
  if (!r.ok()) return Unexpected{PppError::kTruncated};
  if (option.length < kPppOptionHeaderSize) return Unexpected{PppError::kOptionLengthBelowTwo};
  option.value = r.bytes(option.length - kPppOptionHeaderSize);
  if (!r.ok()) return Unexpected{PppError::kOptionOverrun};
  return option;
}

Result<PppOption, PppError> PppOptionReader::next() {
  auto option = decode_ppp_option(rest_);
  rest_ = option ? rest_.subspan(option->length) : Bytes{};
  return option;
}

namespace {

using Be16 = std::array<std::uint8_t, 2>;
using Be32 = std::array<std::uint8_t, 4>;

Be16 be16(std::uint16_t v) { return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)}; }
Be32 be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// Every option is Type, Length, then a value; most values are a fixed head
// (a number or protocol) followed by variable data.
Result<std::size_t, PppError> encode_option_parts(std::uint8_t type, Bytes head, Bytes tail,
                                                  MutableBytes out) {
  const std::size_t value_size = head.size() + tail.size();
  if (value_size > 0xFF - kPppOptionHeaderSize) return Unexpected{PppError::kFieldTooLong};
  ByteWriter w(out);
  w.u8(type);
  w.u8(static_cast<std::uint8_t>(kPppOptionHeaderSize + value_size));
  w.bytes(head);
  w.bytes(tail);
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

}  // namespace

Result<std::size_t, PppError> encode_ppp_option(std::uint8_t type, Bytes value, MutableBytes out) {
  return encode_option_parts(type, value, {}, out);
}

Result<std::uint16_t, PppError> decode_u16_option(const PppOption& option) {
  if (option.value.size() != 2) return Unexpected{PppError::kBadOptionLength};
  return ByteReader(option.value).u16();
}

Result<std::uint32_t, PppError> decode_u32_option(const PppOption& option) {
  if (option.value.size() != 4) return Unexpected{PppError::kBadOptionLength};
  return ByteReader(option.value).u32();
}

Result<std::size_t, PppError> encode_u16_option(std::uint8_t type, std::uint16_t value, MutableBytes out) {
  return encode_option_parts(type, be16(value), {}, out);
}

Result<std::size_t, PppError> encode_u32_option(std::uint8_t type, std::uint32_t value, MutableBytes out) {
  return encode_option_parts(type, be32(value), {}, out);
}

Status<PppError> decode_empty_option(const PppOption& option) {
  if (!option.value.empty()) return Unexpected{PppError::kBadOptionLength};
  return {};
}

Result<InterfaceIdentifier, PppError> decode_interface_identifier_option(const PppOption& option) {
  if (option.value.size() != kIpv6InterfaceIdentifierSize) return Unexpected{PppError::kBadOptionLength};
  InterfaceIdentifier identifier{};
  std::copy(option.value.begin(), option.value.end(), identifier.begin());
  return identifier;
}

Result<std::size_t, PppError> encode_interface_identifier_option(const InterfaceIdentifier& identifier,
                                                                 MutableBytes out) {
  return encode_option_parts(kIpv6cpInterfaceIdentifier, identifier, {}, out);
}

Result<AuthenticationProtocolOption, PppError> decode_authentication_protocol_option(
    const PppOption& option) {
  ByteReader r(option.value);
  AuthenticationProtocolOption decoded;
  decoded.authentication_protocol = r.u16();
  decoded.data = r.rest();
  if (!r.ok()) return Unexpected{PppError::kBadOptionLength};
  // RFC 1334 2.1 fixes PAP's Length at 4, RFC 1994 3 CHAP's at 5.
  const bool pap_bad = decoded.authentication_protocol == kPppPap && !decoded.data.empty();
  const bool chap_bad = decoded.authentication_protocol == kPppChap && decoded.data.size() != 1;
  if (pap_bad || chap_bad) return Unexpected{PppError::kBadOptionLength};
  return decoded;
}

Result<std::size_t, PppError> encode_authentication_protocol_option(
    const AuthenticationProtocolOption& option, MutableBytes out) {
  return encode_option_parts(kLcpAuthenticationProtocol, be16(option.authentication_protocol), option.data,
                             out);
}

Result<IpCompressionProtocolOption, PppError> decode_ip_compression_protocol_option(const PppOption& option) {
  ByteReader r(option.value);
  IpCompressionProtocolOption decoded;
  decoded.ip_compression_protocol = r.u16();
  decoded.data = r.rest();
  if (!r.ok()) return Unexpected{PppError::kBadOptionLength};
  return decoded;
}

Result<std::size_t, PppError> encode_ip_compression_protocol_option(const IpCompressionProtocolOption& option,
                                                                    MutableBytes out) {
  return encode_option_parts(kIpcpIpCompressionProtocol, be16(option.ip_compression_protocol), option.data,
                             out);
}

Result<CallbackOption, PppError> decode_callback_option(const PppOption& option) {
  ByteReader r(option.value);
  CallbackOption decoded;
  decoded.operation = r.u8();
  decoded.message = r.rest();
  if (!r.ok()) return Unexpected{PppError::kBadOptionLength};
  return decoded;
}

Result<std::size_t, PppError> encode_callback_option(const CallbackOption& option, MutableBytes out) {
  const std::array<std::uint8_t, 1> head{option.operation};
  return encode_option_parts(kLcpCallback, head, option.message, out);
}

Result<EndpointDiscriminatorOption, PppError> decode_endpoint_discriminator_option(const PppOption& option) {
  ByteReader r(option.value);
  EndpointDiscriminatorOption decoded;
  decoded.discriminator_class = r.u8();
  decoded.address = r.rest();
  if (!r.ok()) return Unexpected{PppError::kBadOptionLength};
  return decoded;
}

Result<std::size_t, PppError> encode_endpoint_discriminator_option(const EndpointDiscriminatorOption& option,
                                                                   MutableBytes out) {
  const std::array<std::uint8_t, 1> head{option.discriminator_class};
  return encode_option_parts(kLcpEndpointDiscriminator, head, option.address, out);
}

}  // namespace pptpkit::wire
