// The link phases of RFC 1661 section 3.2 and which frames each admits
// (the input gating): only LCP until LCP is open (3.4: "Any non-LCP packets
// received during this phase MUST be silently discarded"), then LCP plus
// the agreed authentication protocol and CBCP (3.5), network protocols and
// data only in the Network phase (3.6), and LCP alone while terminating
// (3.7). Protocols the link does not speak are answered with a
// Protocol-Reject (5.7); the MPPE rule (no plaintext when MPPE is required
// or running) is the data path's.
#pragma once

#include <cstdint>
#include <string_view>

namespace pptpkit::ppp {

enum class Phase : std::uint8_t { kDead, kEstablish, kAuthenticate, kNetwork, kTerminate };

std::string_view to_string(Phase p);

// What the link speaks on this call, as configured and negotiated.
struct SpokenProtocols {
  std::uint16_t auth = 0;  // PAP or CHAP once LCP agreed on one, else 0
  bool cbcp = false;       // LCP Callback operation 6 agreed
  bool ccp = false;        // MPPE not refused by policy
  bool ipv6 = false;       // IPV6CP enabled
};

enum class Admission : std::uint8_t {
  kDeliver,         // hand the frame to its protocol
  kDiscard,         // known, but not in this phase: silently discarded
  kProtocolReject,  // not spoken here: LCP Protocol-Reject (when LCP is open)
};

Admission admit(Phase phase, std::uint16_t protocol, const SpokenProtocols& spoken);

}  // namespace pptpkit::ppp
