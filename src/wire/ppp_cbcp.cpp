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
    const std::string_view address = option.callback_address->address;
    w.fixed_string(address, address.size());
    // MS-CBCP 2.2.3 ends the address with a NUL, but an address that fills
    // the whole option has no room for one (decode_cbcp_option accepts that).
    if (w.ok() && w.offset() < value.size()) w.u8(0);
  }
  if (!w.ok()) return Unexpected{PppError::kFieldTooLong};
  return encode_ppp_option(option.callback_type, w.written(), out);
}

}  // namespace pptpkit::wire
