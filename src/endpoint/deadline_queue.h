// The earliest deadline among many automata (control connections, sessions)
// without a linear scan per event: a binary min-heap with lazy invalidation.
// arm() records an owner's current deadline and pushes an entry only when it
// changed; entries that no longer match their owner's recorded deadline are
// stale and skipped (and the heap is rebuilt when they outnumber the live
// ones), so each event costs O(log n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "base/time.h"

namespace pptpkit::endpoint {

class DeadlineQueue {
 public:
  using Key = std::uint64_t;

  // Sets `key`'s deadline; nullopt removes it.
  void arm(Key key, std::optional<Timestamp> deadline);
  void disarm(Key key) { arm(key, std::nullopt); }

  // The earliest armed deadline.
  std::optional<Timestamp> next() const;
  // A key whose deadline is at or before `now`, removed from the queue (the
  // owner re-arms it after running its timers); nullopt when none is due.
  std::optional<Key> pop_due(Timestamp now);

  std::size_t armed() const { return armed_.size(); }
  // Entries in the heap, stale ones included (bounded by a rebuild).
  std::size_t heap_size() const { return heap_.size(); }

 private:
  struct Entry {
    Timestamp at;
    Key key;
  };

  bool stale(const Entry& e) const;
  // Pops stale entries off the top, so next() reads a live one.
  void prune() const;
  void rebuild();

  std::unordered_map<Key, Timestamp> armed_;
  mutable std::vector<Entry> heap_;  // min-heap on `at`
};

}  // namespace pptpkit::endpoint
