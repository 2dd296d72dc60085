// The sending half of a data channel (RFC 2637 section 4.2): numbers every
// data packet, takes the peer's acknowledgments, measures the round trip
// (4.2.5, Appendix A) and, under strict flow control, keeps the sliding
// window and its acknowledgment time-out (4.4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/time.h"
#include "gre/flow_control.h"
#include "gre/rtt_estimator.h"

namespace pptpkit::gre {

struct SenderConfig {
  FlowControl flow_control = FlowControl::kOff;
  // The Receive Window Size the peer advertised in its call set-up message
  // (RFC 2637 2.8, 2.10, 2.11), clamped to 1..kMaxWindow.
  std::uint16_t peer_window = 64;
  RttConfig rtt;
  // The first sequence number sent. 1, not 0: pptp-linux and the Linux
  // kernel treat 0 as "nothing received yet" and never acknowledge it. Tests
  // set it to mimic peers that start at 0 and to cross the wrap-around.
  std::uint32_t first_sequence = 1;
};

class Sender {
 public:
  // Larger advertised windows are clamped: send times are kept for this many
  // packets, and nobody in the field advertises more than 64.
  static constexpr std::uint32_t kMaxWindow = 256;
  explicit Sender(const SenderConfig& config);

  // The window has room for another packet; always true with flow control off.
  bool can_send() const;

  // Numbers a data packet sent at `now` and returns its sequence number.
  std::uint32_t on_send(Timestamp now);

  // The peer acknowledged everything up to `ack` (RFC 2637 4.2.5). Acks for
  // nothing new, or for packets never sent, are ignored.
  void on_ack(Timestamp now, std::uint32_t ack);

  // Handles an expired acknowledgment time-out (strict only): the
  // outstanding packets are taken as lost (PPTP never retransmits), the
  // window halves (4.2.2) and the time-out backs off (A.2).
  void on_timeout(Timestamp now);

  // When the acknowledgment time-out expires, or nothing.
  std::optional<Timestamp> deadline() const;

  std::uint32_t in_flight() const { return next_ - 1 - acked_; }
  std::uint32_t window() const { return window_; }
  const RttEstimator& rtt() const { return rtt_; }
  std::uint64_t ack_timeouts() const { return ack_timeouts_; }

 private:
  bool strict() const { return flow_control_ == FlowControl::kStrict; }

  FlowControl flow_control_;
  std::uint32_t max_window_;
  std::uint32_t window_;
  RttEstimator rtt_;
  std::uint32_t next_;                    // sequence number of the next packet
  std::uint32_t acked_;                   // highest acknowledged
  std::uint32_t acked_since_growth_ = 0;  // for opening the window (4.2.3)
  Timestamp timer_start_{0};              // when the ack time-out started
  std::vector<Timestamp> sent_at_;        // by sequence number modulo its size
  std::uint64_t ack_timeouts_ = 0;
};

}  // namespace pptpkit::gre
