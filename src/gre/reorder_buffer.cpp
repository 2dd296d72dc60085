#include "gre/reorder_buffer.h"

namespace pptpkit::gre {

ReorderBuffer::ReorderBuffer(std::size_t capacity) : slots_(capacity) {}

void ReorderBuffer::insert(std::uint32_t sequence, Timestamp arrived, Bytes payload) {
  for (Slot& slot : slots_) {
    if (slot.used) continue;
    slot.used = true;
    slot.sequence = sequence;
    slot.arrived = arrived;
    slot.bytes.assign(payload.begin(), payload.end());  // reuses the slot's capacity
    ++size_;
    return;
  }
}

std::optional<std::uint32_t> ReorderBuffer::lowest(std::uint32_t from) const {
  std::optional<std::uint32_t> best;
  for (const Slot& slot : slots_) {
    // Held packets are all after `from`, so the unsigned forward distance orders them.
    if (slot.used && (!best || slot.sequence - from < *best - from)) best = slot.sequence;
  }
  return best;
}

std::optional<Timestamp> ReorderBuffer::oldest_arrival() const {
  std::optional<Timestamp> oldest;
  for (const Slot& slot : slots_) {
    if (slot.used && (!oldest || slot.arrived < *oldest)) oldest = slot.arrived;
  }
  return oldest;
}

const ReorderBuffer::Slot* ReorderBuffer::find(std::uint32_t sequence) const {
  for (const Slot& slot : slots_) {
    if (slot.used && slot.sequence == sequence) return &slot;
  }
  return nullptr;
}

ReorderBuffer::Slot* ReorderBuffer::find(std::uint32_t sequence) {
  return const_cast<Slot*>(static_cast<const ReorderBuffer*>(this)->find(sequence));
}

}  // namespace pptpkit::gre
