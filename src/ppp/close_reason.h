// Why a link, or one of its control protocols, went down. The text is what
// the Terminate-Request carries (RFC 1661 5.5: "Data ... uninterpreted") and
// what the down event reports, so operators see the same words on both ends.
#pragma once

#include <cstdint>
#include <string_view>

namespace pptpkit::ppp {

enum class CloseReason : std::uint8_t {
  kAdministrative,         // the owner closed the link
  kLowerLayerDown,         // the call under the link went away
  kPeerTerminated,         // the peer sent Terminate-Request
  kNoResponse,             // Max-Configure or Max-Terminate reached (RFC 1661 4.6)
  kLoopedBack,             // our own Magic-Number keeps coming back (RFC 1661 6.4)
  kUnacceptableMru,        // the peer insists on an MRU outside our limits
  kAuthenticationRefused,  // no authentication protocol both sides accept
  kAuthenticationFailed,   // credentials were wrong (or the authenticator said so)
  kCallbackFailed,         // CBCP did not complete
  kMppeRefused,            // MPPE required, the peer refused it or offered no acceptable strength
  kMppeMismatch,           // the two directions agreed on different MPPE parameters
  kNoAddress,              // IPCP: no address to assign, or the peer refused the one assigned
  kNoNetworkProtocol,      // every network protocol finished
  kProtocolRejected,       // the peer rejected a protocol the link cannot do without
  kCodeRejected,           // the peer rejected a code the automaton needs (RFC 1661 5.6, RXJ-)
  kKeepaliveTimeout,       // LCP Echo-Requests went unanswered
  kTooManySessions,        // the authenticator's per-user session limit is reached
};

std::string_view to_string(CloseReason r);

}  // namespace pptpkit::ppp
