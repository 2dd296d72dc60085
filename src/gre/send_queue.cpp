#include "gre/send_queue.h"

namespace pptpkit::gre {

SendQueue::SendQueue(std::size_t limit) : slots_(limit) {}

bool SendQueue::push(Bytes payload) {
  if (slots_.empty()) return true;
  const bool overflow = size_ == slots_.size();
  if (overflow) pop();
  slots_[(head_ + size_) % slots_.size()].assign(payload.begin(), payload.end());
  ++size_;
  return overflow;
}

void SendQueue::pop() {
  head_ = (head_ + 1) % slots_.size();
  --size_;
}

}  // namespace pptpkit::gre
