#include "wire/pptp_header.h"

namespace pptpkit::wire {

std::string_view to_string(PptpError e) {
  switch (e) {
    case PptpError::kTruncated:
      return "truncated message";
    case PptpError::kBadMagicCookie:
      return "bad magic cookie";
    case PptpError::kBadMessageType:
      return "PPTP message type is not 1 (control)";
    case PptpError::kUnknownControlType:
      return "unknown control message type";
    case PptpError::kBadLength:
      return "length does not match the control message type";
    case PptpError::kReservedNotZero:
      return "reserved field is not zero";
    case PptpError::kBadValue:
      return "field value out of range";
    case PptpError::kTrailingBytes:
      return "bytes after the end of the message";
    case PptpError::kBufferTooSmall:
      return "output buffer too small";
  }
  return "unknown error";
}

Result<PptpHeader, PptpError> decode_pptp_header(Bytes data) {
  if (data.size() < kPptpHeaderSize) return Unexpected{PptpError::kTruncated};
  ByteReader r(data);
  PptpHeader h;
  h.length = r.u16();
  h.message_type = r.u16();
  h.magic_cookie = r.u32();
  h.control_message_type = r.u16();
  h.reserved0 = r.u16();
  // RFC 2637 2.1: the cookie is checked first; a bad cookie means the stream
  // is out of sync and nothing else in the header can be trusted.
  if (h.magic_cookie != kPptpMagicCookie) return Unexpected{PptpError::kBadMagicCookie};
  if (h.message_type != kPptpControlMessage) return Unexpected{PptpError::kBadMessageType};
  if (h.reserved0 != 0) return Unexpected{PptpError::kReservedNotZero};
  return h;
}

Status<PptpError> encode_pptp_header(const PptpHeader& header, MutableBytes out) {
  ByteWriter w(out);
  w.u16(header.length);
  w.u16(header.message_type);
  w.u32(header.magic_cookie);
  w.u16(header.control_message_type);
  w.u16(header.reserved0);
  if (!w.ok()) return Unexpected{PptpError::kBufferTooSmall};
  return {};
}

}  // namespace pptpkit::wire
