#include "endpoint/packet_queue.h"

#include <algorithm>
#include <utility>

namespace pptpkit::endpoint {
namespace {

// Every buffer holds at least this much, so packets up to a typical MTU
// plus headers never make a recycled buffer grow.
constexpr std::size_t kMinBuffer = 2048;
constexpr std::size_t kInitialSlots = 8;

}  // namespace

MutableBytes PacketQueue::prepare(std::size_t size) {
  if (count_ == ring_.size()) grow();
  std::vector<std::uint8_t>& buffer = slot(count_).buffer;
  if (buffer.size() < size || buffer.size() < kMinBuffer) buffer.resize(std::max(size, kMinBuffer));
  return MutableBytes(buffer.data(), size);
}

void PacketQueue::commit(std::uint32_t address, std::size_t offset, std::size_t size, std::uint32_t source) {
  Entry& e = slot(count_);
  e.address = address;
  e.source = source;
  e.offset = offset;
  e.size = size;
  ++count_;
}

std::optional<QueuedPacket> PacketQueue::pop() {
  if (count_ == 0) return std::nullopt;
  Entry& e = slot(0);
  // The slot takes the previously popped buffer back: nothing is freed.
  std::swap(popped_, e.buffer);
  head_ = (head_ + 1) % ring_.size();
  --count_;
  return QueuedPacket{e.address, e.source, Bytes(popped_.data() + e.offset, e.size)};
}

// Doubles the ring, unrolling it so the oldest entry is at index 0.
void PacketQueue::grow() {
  std::vector<Entry> bigger(std::max(kInitialSlots, ring_.size() * 2));
  for (std::size_t i = 0; i < ring_.size(); ++i) bigger[i] = std::move(slot(i));
  ring_ = std::move(bigger);
  head_ = 0;
}

}  // namespace pptpkit::endpoint
