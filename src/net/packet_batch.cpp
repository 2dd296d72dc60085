#include "net/packet_batch.h"

#include <cassert>
#include <cstring>

#include "net/socket_address.h"

namespace pptpkit::net {
namespace {

// Writes one control message carrying `info` and returns the space it takes.
template <class Info>
std::size_t write_control(cmsghdr& header, int level, int type, const Info& info) {
  header.cmsg_level = level;
  header.cmsg_type = type;
  header.cmsg_len = CMSG_LEN(sizeof info);
  std::memcpy(CMSG_DATA(&header), &info, sizeof info);
  return CMSG_SPACE(sizeof info);
}

// Writes the control message that makes the kernel send from `source`
// (ipi_spec_dst for IPv4, ipi6_addr for IPv6; interface 0: routing picks
// it) and returns its length; 0 for an address of no family.
std::size_t write_source(const gre::IpAddress& source, cmsghdr& header) {
  switch (source.family()) {
    case gre::IpAddress::Family::kIpv4: {
      in_pktinfo info{};
      std::memcpy(&info.ipi_spec_dst, source.octets().data(), sizeof info.ipi_spec_dst);
      return write_control(header, IPPROTO_IP, IP_PKTINFO, info);
    }
    case gre::IpAddress::Family::kIpv6: {
      in6_pktinfo info{};
      std::memcpy(&info.ipi6_addr, source.octets().data(), sizeof info.ipi6_addr);
      return write_control(header, IPPROTO_IPV6, IPV6_PKTINFO, info);
    }
    case gre::IpAddress::Family::kNone:
      break;
  }
  return 0;
}

}  // namespace

PacketBatch::PacketBatch(std::size_t capacity)
    : storage_(std::make_unique<std::uint8_t[]>(capacity * kSlotSize)),
      headers_(capacity),
      vectors_(capacity),
      addresses_(capacity),
      controls_(capacity) {
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

gre::IpAddress PacketBatch::destination(std::size_t i) const {
  assert(begin_ + i < end_);
  return from_sockaddr(addresses_[begin_ + i]);
}

MutableBytes PacketBatch::free_slot() {
  assert(has_free_slot());
  return MutableBytes(storage_.get() + end_ * kSlotSize, kSlotSize);
}

void PacketBatch::queue(Bytes packet, const gre::IpAddress& destination,
                        const std::optional<gre::IpAddress>& source) {
  assert(has_free_slot());
  vectors_[end_].iov_base = const_cast<std::uint8_t*>(packet.data());  // sendmsg does not write it
  vectors_[end_].iov_len = packet.size();
  msghdr& message = headers_[end_].msg_hdr;
  message.msg_name = &addresses_[end_];
  message.msg_namelen = to_sockaddr(destination, addresses_[end_]);
  message.msg_controllen = source ? write_source(*source, controls_[end_].header) : 0;
  message.msg_control = message.msg_controllen > 0 ? &controls_[end_] : nullptr;
  ++end_;
}

void PacketBatch::prepare_receive() {
  for (std::size_t i = 0; i < capacity(); ++i) {
    vectors_[i].iov_base = storage_.get() + i * kSlotSize;
    vectors_[i].iov_len = kSlotSize;
    // IPv6 raw sockets strip the header: the source is only in msg_name.
    headers_[i].msg_hdr.msg_name = &addresses_[i];
    headers_[i].msg_hdr.msg_namelen = sizeof addresses_[i];
    headers_[i].msg_hdr.msg_control = nullptr;  // no ancillary data is asked for
    headers_[i].msg_hdr.msg_controllen = 0;
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
