#include "gre/receiver.h"

#include "gre/sequence.h"

namespace pptpkit::gre {
namespace {

inline constexpr std::uint32_t kHistoryBits = 64;  // bits of Receiver::delivered_

}  // namespace

Receiver::Receiver(const ReceiverConfig& config) : config_(config), held_(config.hold_count) {}

std::optional<DropReason> Receiver::on_packet(Timestamp now, std::uint32_t sequence, Bytes payload,
                                              PayloadSink& sink) {
  if (!started_) {
    started_ = true;
    const bool fresh_from_one = sequence >= 1 && sequence <= config_.hold_count;
    expected_ = fresh_from_one ? 1 : sequence;
  }
  if (seq_before(sequence, expected_)) return classify_behind(sequence);

  if (sequence - expected_ >= config_.max_jump) {
    const bool resume = jump_candidate_ && sequence == *jump_candidate_ + 1;
    jump_candidate_ = sequence;
    if (!resume) return DropReason::kOutOfWindow;
    // The peer really moved on: deliver what is held, then follow it.
    while (!held_.empty()) give_up_first_gap(sink);
    skip_to(sequence);
  }

  if (sequence != expected_ && held_.contains(sequence)) return DropReason::kDuplicate;
  // Make room: give up the first gap, unless this packet is the lowest
  // known, in which case the gap before it goes and it is delivered.
  while (sequence != expected_ && held_.full()) {
    const auto lowest = held_.lowest(expected_);
    if (!lowest || sequence - expected_ < *lowest - expected_) {
      skip_to(sequence);
    } else {
      give_up_first_gap(sink);
    }
  }
  if (sequence == expected_) {
    deliver(sequence, payload, sink);
    drain(sink);
  } else {
    held_.insert(sequence, now, payload);
  }
  return std::nullopt;
}

void Receiver::on_timeout(Timestamp now, PayloadSink& sink) {
  for (auto due = deadline(); due && *due <= now; due = deadline()) give_up_first_gap(sink);
}

std::optional<Timestamp> Receiver::deadline() const {
  const auto oldest = held_.oldest_arrival();
  if (!oldest) return std::nullopt;
  return *oldest + config_.hold_time;
}

std::optional<DropReason> Receiver::classify_behind(std::uint32_t sequence) const {
  const std::uint32_t age = expected_ - 1 - sequence;  // 0: the last one delivered
  if (age < kHistoryBits && (delivered_ >> age & 1) != 0) return DropReason::kDuplicate;
  return DropReason::kTooOld;
}

void Receiver::deliver(std::uint32_t sequence, Bytes payload, PayloadSink& sink) {
  delivered_ = delivered_ << 1 | 1;
  expected_ = sequence + 1;
  sink.deliver(sequence, payload);
}

void Receiver::skip_to(std::uint32_t sequence) {
  const std::uint32_t gap = sequence - expected_;
  delivered_ = gap >= kHistoryBits ? 0 : delivered_ << gap;
  expected_ = sequence;
}

void Receiver::drain(PayloadSink& sink) {
  while (held_.take(expected_, [&](Bytes payload) { deliver(expected_, payload, sink); })) {
  }
}

void Receiver::give_up_first_gap(PayloadSink& sink) {
  const auto lowest = held_.lowest(expected_);
  if (!lowest) return;
  skip_to(*lowest);
  drain(sink);
}

}  // namespace pptpkit::gre
