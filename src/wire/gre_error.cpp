#include "wire/gre_error.h"

namespace pptpkit::wire {

std::string_view to_string(GreError e) {
  switch (e) {
    case GreError::kTruncated:
      return "truncated GRE header";
    case GreError::kUnsupportedVersion:
      return "unsupported GRE version";
    case GreError::kBadProtocolType:
      return "enhanced GRE protocol type is not 0x880B";
    case GreError::kKeyNotSet:
      return "enhanced GRE key flag is clear";
    case GreError::kChecksumFlagSet:
      return "enhanced GRE checksum flag is set";
    case GreError::kRoutingFlagSet:
      return "enhanced GRE routing flag is set";
    case GreError::kStrictSourceRouteSet:
      return "enhanced GRE strict source route flag is set";
    case GreError::kRecursionNotZero:
      return "enhanced GRE recursion control is not zero";
    case GreError::kFlagsNotZero:
      return "enhanced GRE flags are not zero";
    case GreError::kPayloadWithoutSequence:
      return "enhanced GRE payload without sequence number";
    case GreError::kPayloadLengthExceedsPacket:
      return "enhanced GRE payload length exceeds the packet";
    case GreError::kReservedNotZero:
      return "GRE reserved0 bit 1, 4 or 5 is set";
    case GreError::kBadChecksum:
      return "GRE checksum does not verify";
    case GreError::kBufferTooSmall:
      return "output buffer too small";
  }
  return "unknown error";
}

}  // namespace pptpkit::wire
