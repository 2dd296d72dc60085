#include "wire/ppp_cbcp.h"

#include <array>

namespace pptpkit::wire {

CbcpOption decode_cbcp_option(const PppOption& option) {
  CbcpOption decoded;
  decoded.callback_type = option.type;
  ByteReader r(option.value);
  if (r.empty()) return decoded;
  decoded.callback_delay = r.u8();
  if (r.empty()) return decoded;
  CbcpAddress address;
  address.address_type = r.u8();
  address.address = fixed_string_view(r.rest());
  decoded.callback_address = address;
  return decoded;
}

Result<std::size_t, PppError> encode_cbcp_option(const CbcpOption& option, MutableBytes out) {
  std::array<std::uint8_t, 0xFF - kPppOptionHeaderSize> value{};
  ByteWriter w(value);
  if (option.callback_delay || option.callback_address) w.u8(option.callback_delay.value_or(0));
  if (option.callback_address) {
    w.u8(option.callback_address->address_type);
    w.fixed_string(option.callback_address->address, option.callback_address->address.size() + 1);
  }
  if (!w.ok()) return Unexpected{PppError::kFieldTooLong};
  return encode_ppp_option(option.callback_type, w.written(), out);
}

}  // namespace pptpkit::wire
