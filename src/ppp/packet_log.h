// Control packets as text in pppd's debug-log style, so logs diff cleanly
// against pppd's: `[LCP ConfReq id=0x1 <mru 1400> <magic 0x12345678>]`,
// `[LCP TermReq id=0x2 "User request"]`, `[LCP EchoReq id=0x0 magic=0x1]`,
// `[CHAP Failure id=0x1 "E=691 R=0 C=... V=3 M=..."]`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/bytes.h"

namespace pptpkit::ppp {

// `information` is the PPP Information field of a frame of `protocol`.
std::string format_packet(std::uint16_t protocol, Bytes information);

// Peer-supplied text (a Terminate-Request's data) made fit for a log line:
// at most `limit` octets, anything but printable ASCII and `"` shown as '.'.
std::string printable_text(Bytes text, std::size_t limit);

}  // namespace pptpkit::ppp
