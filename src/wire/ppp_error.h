// The one error enum of the PPP codecs (frame, control packets, options,
// authentication, CBCP): they share failure modes and are used together.
#pragma once

#include <cstdint>
#include <string_view>

namespace pptpkit::wire {

enum class PppError : std::uint8_t {
  kTruncated,             // fewer octets than the fixed fields need
  kBadControlField,       // address 0xFF not followed by control 0x03 (RFC 1661 3.1)
  kBadProtocol,           // protocol not odd in its low octet / even in its high octet (RFC 1661 2)
  kLengthBelowHeader,     // control packet Length < 4 (RFC 1661 5)
  kLengthBeyondData,      // control packet Length > octets received (RFC 1661 5)
  kOptionLengthBelowTwo,  // option Length < 2 (RFC 1661 6)
  kOptionOverrun,         // option Length runs past the end of the packet (RFC 1661 6)
  kBadOptionLength,       // option Length does not fit the option's type
  kFieldOverrun,          // a length-prefixed field runs past the end of the packet
  kWrongCode,             // the packet's Code is not one the decoder handles
  kBadValueSize,          // CHAP Value-Size does not fit the MS-CHAP layout
  kReservedNotZero,       // a reserved field is not zero
  kFieldTooLong,          // encoder input does not fit its length field
  kBufferTooSmall,        // encoder output span is smaller than the result
};

std::string_view to_string(PppError e);

}  // namespace pptpkit::wire
