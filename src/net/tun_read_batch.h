// Buffers for packets read from a TUN device, allocated once, each with free
// room in front: the data path prepends its GRE, PPP and MPPE headers in
// place (gre::Channel::send_payload takes the payload at an offset) instead
// of copying the packet behind them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "base/bytes.h"

namespace pptpkit::net {

class TunReadBatch {
 public:
  // The largest packet a TUN device hands over (its MTU is at most 65535), so
  // the default never truncates whatever the MTU.
  static constexpr std::size_t kMaxPacket = 65535;

  // `capacity` packets, each with `headroom` free octets in front of up to
  // `max_packet` octets; `max_packet` must be at least the device's MTU.
  TunReadBatch(std::size_t capacity, std::size_t headroom, std::size_t max_packet = kMaxPacket);

  std::size_t capacity() const { return lengths_.size(); }
  std::size_t headroom() const { return headroom_; }
  // Packets read by the last TunDevice::read.
  std::size_t size() const { return size_; }

  // The i-th packet with its headroom: the first headroom() octets are free,
  // the IP packet follows up to the end of the span.
  MutableBytes buffer(std::size_t i);

 private:
  friend class TunDevice;

  // Where the i-th read goes: the slot after its headroom.
  MutableBytes read_space(std::size_t i);

  std::size_t headroom_;
  std::size_t slot_size_;
  std::unique_ptr<std::uint8_t[]> storage_;  // capacity * slot_size_
  std::vector<std::size_t> lengths_;
  std::size_t size_ = 0;
};

}  // namespace pptpkit::net
