// The adaptive acknowledgment time-out of RFC 2637 section 4.4 and Appendix
// A: a smoothed round-trip time and mean deviation (A.1, after Jacobson and
// TCP/IP Illustrated vol. 1), doubled on every time-out (A.2), and bounded.
#pragma once

#include "base/time.h"

namespace pptpkit::gre {

struct RttConfig {
  // The peer's Packet Processing Delay from the call set-up messages
  // (RFC 2637 2.7, 2.9-2.11, in tenths of a second on the wire): how long the
  // peer may take to work through a full receive window. A.1 starts the RTT
  // estimate at PPD, and the time-out never drops below it, since an ack may
  // legitimately take that long.
  Duration packet_processing_delay{0};
  // A.1 bounds ATO by MaxTimeOut. The floor is ours: on a LAN the estimate
  // tends to zero and every jitter spike would otherwise count as a loss.
  Duration min_timeout = std::chrono::milliseconds(100);
  Duration max_timeout = std::chrono::seconds(2);
};

class RttEstimator {
 public:
  explicit RttEstimator(const RttConfig& config);

  // A measured round trip: from sending the highest newly acknowledged
  // packet to receiving its ack (RFC 2637 4.2.5). A.1:
  //   DIFF = SAMPLE - RTT; DEV += (|DIFF| - DEV) / 4; RTT += DIFF / 8;
  //   ATO = min(RTT + 4 * DEV, MaxTimeOut)
  void on_sample(Duration sample);

  // An ack did not come within timeout(): back off (A.2), ATO doubles up to
  // MaxTimeOut. The next sample recomputes it from the estimate.
  void on_timeout();

  Duration rtt() const { return rtt_; }
  Duration deviation() const { return deviation_; }
  Duration timeout() const { return timeout_; }

 private:
  Duration bounded(Duration ato) const;

  RttConfig config_;
  Duration rtt_;
  Duration deviation_{0};
  Duration timeout_;
};

}  // namespace pptpkit::gre
