#include "pptp/call_id_allocator.h"

namespace pptpkit::pptp {

CallIdAllocator::CallIdAllocator(RandomSource& random, CallIdAllocatorConfig config)
    : random_(random), config_(config) {
  taken_.set(0);
}

void CallIdAllocator::end_quarantines(Timestamp now) {
  while (!quarantine_.empty() && quarantine_.front().until <= now) {
    taken_.reset(quarantine_.front().id);
    --taken_count_;
    quarantine_.pop_front();
  }
}

std::optional<std::uint16_t> CallIdAllocator::allocate(Timestamp now) {
  end_quarantines(now);
  if (in_use_ >= config_.max_calls || taken_count_ >= kIdCount) return std::nullopt;
  std::size_t id = 0;
  for (int i = 0; i < kRandomTries && taken_.test(id); ++i) id = random_.next_u32() % kIdCount;
  // At least one ID is free, so the scan ends.
  while (taken_.test(id)) id = (id + 1) % kIdCount;
  taken_.set(id);
  live_.set(id);
  ++taken_count_;
  ++in_use_;
  return static_cast<std::uint16_t>(id);
}

void CallIdAllocator::release(std::uint16_t id, Timestamp now) {
  if (!live_.test(id)) return;
  live_.reset(id);
  --in_use_;
  quarantine_.push_back({.id = id, .until = now + config_.quarantine});
}

}  // namespace pptpkit::pptp
