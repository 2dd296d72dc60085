#include "ppp/link_drops.h"

namespace pptpkit::ppp {

std::string_view to_string(LinkDrop d) {
  switch (d) {
    case LinkDrop::kMalformedFrame:
      return "malformed frame";
    case LinkDrop::kMalformedControl:
      return "malformed control packet";
    case LinkDrop::kNotInPhase:
      return "protocol not admitted in this phase";
    case LinkDrop::kUnknownProtocol:
      return "unknown protocol";
    case LinkDrop::kPlaintextUnderMppe:
      return "plaintext while MPPE is required or running";
    case LinkDrop::kEncryptedWithoutMppe:
      return "encrypted while MPPE is not running";
    case LinkDrop::kMppe:
      return "refused by MPPE";
    case LinkDrop::kNetworkProtocolDown:
      return "network protocol not open";
  }
  return "unknown drop reason";
}

}  // namespace pptpkit::ppp
