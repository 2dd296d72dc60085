// How the sender treats the peer's receive window (RFC 2637 section 4.2).
#pragma once

#include <cstdint>

namespace pptpkit::gre {

enum class FlowControl : std::uint8_t {
  // Sequence and acknowledgment numbers are kept and the RTT measured, but
  // nothing waits for acks. The default: Windows ignores the advertised
  // window (MS-PTPT) and the Linux kernel never sends a stand-alone ack, so
  // a sender that waits for acks would throttle or stall with them.
  kOff,
  // RFC 2637 4.2: at most `window` unacknowledged packets; the window starts
  // at half the peer's advertised one (4.2.1), halves on an ack time-out
  // (4.2.2) and grows by one per window acknowledged (4.2.3). What does not
  // fit waits in a bounded queue whose oldest packet is dropped on overflow.
  kStrict,
};

}  // namespace pptpkit::gre
