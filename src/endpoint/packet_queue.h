// Outgoing packets (GRE to the network, IP to TUN) in recycled buffers: a
// ring of entries whose buffers keep their capacity, so once the ring and the
// buffers have grown to the traffic's size, queueing a packet allocates
// nothing (DESIGN.md: no allocation per packet in steady state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/bytes.h"

namespace pptpkit::endpoint {

// A queued packet: `address` is the GRE destination (or, for TUN, the
// session's address); `source` is the local address GRE must leave from, the
// one its control connection reached (0: the raw socket's own or the
// kernel's choice; unused for TUN); `bytes` is valid until the next pop().
struct QueuedPacket {
  std::uint32_t address = 0;
  std::uint32_t source = 0;
  Bytes bytes;
};

class PacketQueue {
 public:
  // A buffer of at least `size` octets for the next packet. The caller
  // writes into it and calls commit(); a buffer never committed is reused by
  // the next prepare().
  MutableBytes prepare(std::size_t size);
  // Queues the prepared buffer's [offset, offset + size) for `address`,
  // from `source` (QueuedPacket).
  void commit(std::uint32_t address, std::size_t offset, std::size_t size, std::uint32_t source = 0);

  std::optional<QueuedPacket> pop();
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }

 private:
  struct Entry {
    std::uint32_t address = 0;
    std::uint32_t source = 0;
    std::vector<std::uint8_t> buffer;
    std::size_t offset = 0;
    std::size_t size = 0;
  };

  Entry& slot(std::size_t i) { return ring_[(head_ + i) % ring_.size()]; }
  void grow();

  std::vector<Entry> ring_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  // The buffer of the packet pop() returned last: its view stays valid until
  // the next pop(), which recycles it.
  std::vector<std::uint8_t> popped_;
};

}  // namespace pptpkit::endpoint
