#include "gre/ack_timer.h"

#include <algorithm>

#include "gre/sequence.h"

namespace pptpkit::gre {

AckTimer::AckTimer(Duration delay, std::uint32_t immediate_after)
    : delay_(delay), immediate_after_(std::max<std::uint32_t>(immediate_after, 1)) {}

void AckTimer::on_received(Timestamp now, std::uint32_t sequence) {
  if (!ack_number_ || seq_after(sequence, *ack_number_)) ack_number_ = sequence;
  if (!pending_) due_ = now + delay_;
  pending_ = true;
  if (++unacknowledged_ >= immediate_after_) due_ = now;
}

void AckTimer::on_ack_sent() {
  pending_ = false;
  unacknowledged_ = 0;
}

std::optional<Timestamp> AckTimer::deadline() const {
  if (!pending_) return std::nullopt;
  return due_;
}

}  // namespace pptpkit::gre
