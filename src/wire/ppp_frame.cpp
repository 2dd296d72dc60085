#include "wire/ppp_frame.h"

#include "wire/ppp_protocol.h"

namespace pptpkit::wire {

Result<PppFrame, PppError> decode_ppp_frame(Bytes data) {
  ByteReader r(data);
  PppFrame frame;
  // A first octet 0xFF always starts the Address field: as a one-octet
  // Protocol it would be 0x00FF, which RFC 1661 section 2 reserves.
  frame.acfc_used = data.empty() || data[0] != kPppAllStationsAddress;
  if (!frame.acfc_used) {
    r.skip(1);
    const std::uint8_t control = r.u8();
    if (!r.ok()) return Unexpected{PppError::kTruncated};
    if (control != kPppUiControl) return Unexpected{PppError::kBadControlField};
  }
  const std::uint8_t first = r.u8();
  if (!r.ok()) return Unexpected{PppError::kTruncated};
  frame.pfc_used = (first & 0x01) != 0;
  if (frame.pfc_used) {
    frame.protocol = first;
  } else {
    const std::uint8_t second = r.u8();
    if (!r.ok()) return Unexpected{PppError::kTruncated};
    frame.protocol = static_cast<std::uint16_t>((first << 8) | second);
    if (!is_valid_ppp_protocol(frame.protocol)) return Unexpected{PppError::kBadProtocol};
  }
  frame.information = r.rest();
  return frame;
}

namespace {

bool uses_acfc(std::uint16_t protocol, PppFrameOptions options) {
  return options.acfc && protocol != kPppLcp;
}
bool uses_pfc(std::uint16_t protocol, PppFrameOptions options) { return options.pfc && protocol < 0x100; }

}  // namespace

std::size_t ppp_header_size(std::uint16_t protocol, PppFrameOptions options) {
  return (uses_acfc(protocol, options) ? 0u : 2u) + (uses_pfc(protocol, options) ? 1u : 2u);
}

Result<std::size_t, PppError> encode_ppp_header(std::uint16_t protocol, PppFrameOptions options,
                                                MutableBytes out) {
  if (!is_valid_ppp_protocol(protocol)) return Unexpected{PppError::kBadProtocol};
  ByteWriter w(out);
  if (!uses_acfc(protocol, options)) {
    w.u8(kPppAllStationsAddress);
    w.u8(kPppUiControl);
  }
  if (uses_pfc(protocol, options)) {
    w.u8(static_cast<std::uint8_t>(protocol));
  } else {
    w.u16(protocol);
  }
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

Result<std::size_t, PppError> encode_ppp_frame(std::uint16_t protocol, Bytes information,
                                               PppFrameOptions options, MutableBytes out) {
  auto header = encode_ppp_header(protocol, options, out);
  if (!header) return header;
  ByteWriter w(out.subspan(*header));
  w.bytes(information);
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return *header + w.offset();
}

}  // namespace pptpkit::wire
