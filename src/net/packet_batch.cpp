#include "net/packet_batch.h"

#include <cassert>

#include "net/socket_address.h"

namespace pptpkit::net {

PacketBatch::PacketBatch(std::size_t capacity)
    : storage_(std::make_unique<std::uint8_t[]>(capacity * kSlotSize)),
      headers_(capacity),
      vectors_(capacity),
      addresses_(capacity) {
  for (std::size_t i = 0; i < capacity; ++i) {
    vectors_[i].iov_base = storage_.get() + i * kSlotSize;
    headers_[i].msg_hdr.msg_iov = &vectors_[i];
    headers_[i].msg_hdr.msg_iovlen = 1;
  }
}

Bytes PacketBatch::packet(std::size_t i) const {
  assert(begin_ + i < end_);
  const mmsghdr& header = headers_[begin_ + i];
  return Bytes(static_cast<const std::uint8_t*>(header.msg_hdr.msg_iov->iov_base), header.msg_len);
}

gre::IpAddress PacketBatch::source(std::size_t i) const {
  assert(begin_ + i < end_);
  return from_sockaddr(addresses_[begin_ + i]);
}

MutableBytes PacketBatch::free_slot() {
  assert(has_free_slot());
  return MutableBytes(storage_.get() + end_ * kSlotSize, kSlotSize);
}

void PacketBatch::queue(Bytes packet, const gre::IpAddress& destination) {
  assert(has_free_slot());
  vectors_[end_].iov_base = const_cast<std::uint8_t*>(packet.data());  // sendmsg does not write it
  vectors_[end_].iov_len = packet.size();
  msghdr& message = headers_[end_].msg_hdr;
  message.msg_name = &addresses_[end_];
  message.msg_namelen = to_sockaddr(destination, addresses_[end_]);
  ++end_;
}

void PacketBatch::prepare_receive() {
  for (std::size_t i = 0; i < capacity(); ++i) {
    vectors_[i].iov_base = storage_.get() + i * kSlotSize;
    vectors_[i].iov_len = kSlotSize;
    // IPv6 raw sockets strip the header: the source is only in msg_name.
    headers_[i].msg_hdr.msg_name = &addresses_[i];
    headers_[i].msg_hdr.msg_namelen = sizeof addresses_[i];
    headers_[i].msg_len = 0;
  }
  begin_ = end_ = 0;
}

void PacketBatch::set_received(std::size_t count) {
  begin_ = 0;
  end_ = count;
}

void PacketBatch::consume(std::size_t count) {
  begin_ += count;
  if (begin_ == end_) begin_ = end_ = 0;
}

}  // namespace pptpkit::net
