#include "ppp/close_reason.h"

namespace pptpkit::ppp {

std::string_view to_string(CloseReason r) {
  switch (r) {
    case CloseReason::kAdministrative:
      return "User request";
    case CloseReason::kLowerLayerDown:
      return "Lower layer down";
    case CloseReason::kPeerTerminated:
      return "Peer requested termination";
    case CloseReason::kNoResponse:
      return "Peer not responding";
    case CloseReason::kLoopedBack:
      return "Link looped back";
    case CloseReason::kUnacceptableMru:
      return "Unacceptable MRU";
    case CloseReason::kAuthenticationRefused:
      return "No acceptable authentication protocol";
    case CloseReason::kAuthenticationFailed:
      return "Authentication failed";
    case CloseReason::kCallbackFailed:
      return "Callback negotiation failed";
    case CloseReason::kMppeRefused:
      return "MPPE required but peer refused";
    case CloseReason::kMppeMismatch:
      return "MPPE parameters differ between directions";
    case CloseReason::kNoAddress:
      return "No IP address agreed";
    case CloseReason::kNoNetworkProtocol:
      return "No network protocols running";
    case CloseReason::kProtocolRejected:
      return "Required protocol rejected by peer";
    case CloseReason::kCodeRejected:
      return "Required code rejected by peer";
    case CloseReason::kKeepaliveTimeout:
      return "Peer not responding to echo requests";
    case CloseReason::kTooManySessions:
      return "Too many sessions for this user";
  }
  return "unknown";
}

}  // namespace pptpkit::ppp
