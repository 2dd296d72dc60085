// Decoded events as one readable line each, the default output of decode:
//   #12 0.001234 192.0.2.2 -> 192.0.2.1 PPTP Outgoing-Call-Request call_id=1 ...
//   #15 0.002000 192.0.2.1 -> 192.0.2.2 GRE call_id=7 seq=0 PPP LCP Configure-Request id=1 <mru 1400>
#pragma once

#include <string>

#include "tools/decoded.h"

namespace pptpkit::tools {

// `start` is the time of the capture's first frame: times print relative to
// it, as Wireshark's default does.
std::string to_text(const Decoded& decoded, Timestamp start);

}  // namespace pptpkit::tools
