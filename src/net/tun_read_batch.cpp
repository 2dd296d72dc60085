#include "net/tun_read_batch.h"

#include <cassert>

namespace pptpkit::net {

TunReadBatch::TunReadBatch(std::size_t capacity, std::size_t headroom, std::size_t max_packet)
    : headroom_(headroom),
      slot_size_(headroom + max_packet),
      storage_(std::make_unique<std::uint8_t[]>(capacity * slot_size_)),
      lengths_(capacity) {}

MutableBytes TunReadBatch::buffer(std::size_t i) {
  assert(i < size_);
  return MutableBytes(storage_.get() + i * slot_size_, headroom_ + lengths_[i]);
}

MutableBytes TunReadBatch::read_space(std::size_t i) {
  return MutableBytes(storage_.get() + i * slot_size_ + headroom_, slot_size_ - headroom_);
}

}  // namespace pptpkit::net
