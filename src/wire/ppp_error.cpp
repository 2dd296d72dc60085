#include "wire/ppp_error.h"

namespace pptpkit::wire {

std::string_view to_string(PppError e) {
  switch (e) {
    case PppError::kTruncated:
      return "truncated PPP packet";
    case PppError::kBadControlField:
      return "address field 0xFF not followed by control field 0x03";
    case PppError::kBadProtocol:
      return "invalid PPP protocol field";
    case PppError::kLengthBelowHeader:
      return "control packet length below 4";
    case PppError::kLengthBeyondData:
      return "control packet length beyond the received data";
    case PppError::kOptionLengthBelowTwo:
      return "option length below 2";
    case PppError::kOptionOverrun:
      return "option runs past the end of the packet";
    case PppError::kBadOptionLength:
      return "option length wrong for its type";
    case PppError::kFieldOverrun:
      return "field runs past the end of the packet";
    case PppError::kWrongCode:
      return "unexpected packet code";
    case PppError::kBadValueSize:
      return "wrong CHAP value size";
    case PppError::kReservedNotZero:
      return "reserved field is not zero";
    case PppError::kFieldTooLong:
      return "field too long for its length octet";
    case PppError::kBufferTooSmall:
      return "output buffer too small";
  }
  return "unknown error";
}

}  // namespace pptpkit::wire
