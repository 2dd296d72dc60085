#include "gre/sender.h"

#include <algorithm>
#include <bit>

#include "gre/sequence.h"

namespace pptpkit::gre {

Sender::Sender(const SenderConfig& config)
    : flow_control_(config.flow_control),
      max_window_(std::clamp<std::uint32_t>(config.peer_window, 1, kMaxWindow)),
      window_((max_window_ + 1) / 2),  // RFC 2637 4.2.1: half, rounded up, at least 1
      rtt_(config.rtt),
      next_(config.first_sequence),
      acked_(config.first_sequence - 1),
      // A power of two, so sequence numbers index it without a jump at the
      // 32-bit wrap.
      sent_at_(std::bit_ceil(max_window_)) {}

bool Sender::can_send() const { return !strict() || in_flight() < window_; }

std::uint32_t Sender::on_send(Timestamp now) {
  if (in_flight() == 0) timer_start_ = now;
  const std::uint32_t sequence = next_++;
  sent_at_[sequence % sent_at_.size()] = now;
  return sequence;
}

void Sender::on_ack(Timestamp now, std::uint32_t ack) {
  if (!seq_after(ack, acked_) || seq_after(ack, next_ - 1)) return;
  const std::uint32_t newly_acked = ack - acked_;
  acked_ = ack;
  // RFC 2637 4.3: time the highest acknowledged packet, if its send time is
  // still kept (with flow control off, more may be in flight than slots).
  if (next_ - 1 - ack < sent_at_.size()) rtt_.on_sample(now - sent_at_[ack % sent_at_.size()]);
  timer_start_ = now;
  acked_since_growth_ += newly_acked;
  if (acked_since_growth_ >= window_) {
    acked_since_growth_ = 0;
    window_ = std::min(window_ + 1, max_window_);
  }
}

void Sender::on_timeout(Timestamp now) {
  const auto due = deadline();
  if (!due || *due > now) return;
  acked_ = next_ - 1;
  acked_since_growth_ = 0;
  window_ = (window_ + 1) / 2;
  rtt_.on_timeout();
  ++ack_timeouts_;
}

std::optional<Timestamp> Sender::deadline() const {
  if (!strict() || in_flight() == 0) return std::nullopt;
  return timer_start_ + rtt_.timeout();
}

}  // namespace pptpkit::gre
