// Payloads waiting for the send window to open (strict flow control only).
// Bounded: when full, the oldest payload is dropped, because for the IP
// traffic PPP carries a fresh packet is worth more than a stale one. The
// slots' buffers are reused, so queueing allocates nothing in steady state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/bytes.h"

namespace pptpkit::gre {

class SendQueue {
 public:
  explicit SendQueue(std::size_t limit);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // Copies the payload in; returns true when the oldest one was dropped to
  // make room (a limit of 0 drops the new payload itself, and returns true).
  bool push(Bytes payload);

  Bytes front() const { return slots_[head_]; }
  void pop();

 private:
  std::vector<std::vector<std::uint8_t>> slots_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace pptpkit::gre
