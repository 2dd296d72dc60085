#include "endpoint/deadline_queue.h"

#include <algorithm>

namespace pptpkit::endpoint {
namespace {

// std::push_heap builds a max-heap; this order makes the earliest the top.
struct Later {
  template <class E>
  bool operator()(const E& a, const E& b) const {
    return a.at > b.at;
  }
};

// Below this many entries stale ones are left for pruning.
constexpr std::size_t kMinRebuildSize = 64;

}  // namespace

void DeadlineQueue::arm(Key key, std::optional<Timestamp> deadline) {
  if (!deadline) {
    armed_.erase(key);
    return;
  }
  auto [it, inserted] = armed_.try_emplace(key, *deadline);
  if (!inserted && it->second == *deadline) return;  // its entry is in the heap already
  it->second = *deadline;
  heap_.push_back(Entry{*deadline, key});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  if (heap_.size() > kMinRebuildSize && heap_.size() > 2 * armed_.size()) rebuild();
}

std::optional<Timestamp> DeadlineQueue::next() const {
  prune();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().at;
}

std::optional<DeadlineQueue::Key> DeadlineQueue::pop_due(Timestamp now) {
  prune();
  if (heap_.empty() || heap_.front().at > now) return std::nullopt;
  const Key key = heap_.front().key;
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  heap_.pop_back();
  armed_.erase(key);
  return key;
}

bool DeadlineQueue::stale(const Entry& e) const {
  const auto it = armed_.find(e.key);
  return it == armed_.end() || it->second != e.at;
}

void DeadlineQueue::prune() const {
  while (!heap_.empty() && stale(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

void DeadlineQueue::rebuild() {
  std::erase_if(heap_, [this](const Entry& e) { return stale(e); });
  std::make_heap(heap_.begin(), heap_.end(), Later{});
}

}  // namespace pptpkit::endpoint
