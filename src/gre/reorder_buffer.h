// Out-of-order packets held until the gap before them fills (RFC 2637 4.3:
// a receiver may reorder rather than drop). A fixed number of slots, each
// owning a byte buffer that is sized on first use and reused afterwards, so
// holding packets allocates nothing in steady state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/bytes.h"
#include "base/time.h"

namespace pptpkit::gre {

class ReorderBuffer {
 public:
  explicit ReorderBuffer(std::size_t capacity);

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ == slots_.size(); }
  bool contains(std::uint32_t sequence) const { return find(sequence) != nullptr; }

  // Copies the payload into a free slot. The caller checks !full() and
  // !contains(sequence) first.
  void insert(std::uint32_t sequence, Timestamp arrived, Bytes payload);

  // The held packet with this sequence number, handed to `consume` and then
  // released; false if none is held.
  template <class Consume>
  bool take(std::uint32_t sequence, Consume&& consume) {
    Slot* slot = find(sequence);
    if (slot == nullptr) return false;
    consume(Bytes(slot->bytes));
    slot->used = false;
    --size_;
    return true;
  }

  // The held sequence number nearest after `from` in serial order
  // (RFC 1982), or nothing when empty.
  std::optional<std::uint32_t> lowest(std::uint32_t from) const;

  // When the packet held longest arrived, or nothing when empty.
  std::optional<Timestamp> oldest_arrival() const;

 private:
  struct Slot {
    bool used = false;
    std::uint32_t sequence = 0;
    Timestamp arrived{0};
    std::vector<std::uint8_t> bytes;
  };

  const Slot* find(std::uint32_t sequence) const;
  Slot* find(std::uint32_t sequence);

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace pptpkit::gre
