// A fixed pool of packet slots and the recvmmsg/sendmmsg descriptors that
// point into them, allocated once: the data path never allocates per packet
// (DESIGN.md: wire/ and gre/ encode in place; this is where the bytes live).
//
// Used in one direction at a time. Receiving: RawGreSocket::receive fills
// the slots, packet(i) is the i-th datagram and source(i) its sender.
// Sending: build a packet in free_slot() (e.g. gre::Channel::send_payload
// with the payload at gre::kHeadroom), queue() it with its destination (and
// its source, if the socket's own is not the one), and RawGreSocket::send
// transmits the queue.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/bytes.h"
#include "gre/ip_address.h"

namespace pptpkit::net {

class PacketBatch {
 public:
  // The largest IPv4 datagram (Total Length is 16 bits) and the largest IPv6
  // payload short of a jumbogram, so a received datagram is never truncated.
  static constexpr std::size_t kSlotSize = 65536;

  explicit PacketBatch(std::size_t capacity);

  std::size_t capacity() const { return headers_.size(); }
  // Received datagrams, or packets queued and not yet sent.
  std::size_t size() const { return end_ - begin_; }
  bool empty() const { return size() == 0; }

  // Received: the i-th datagram as the socket returns it (IPv4: header
  // included; IPv6: the GRE packet alone).
  Bytes packet(std::size_t i) const;
  // Received: the i-th datagram's source address (recvmmsg's msg_name).
  gre::IpAddress source(std::size_t i) const;
  // Sending: the i-th unsent packet's destination.
  gre::IpAddress destination(std::size_t i) const;

  // Sending: whether a slot is free to build a packet in (the queue is not
  // full up to capacity; sent slots are reused once the whole queue is out).
  bool has_free_slot() const { return end_ < capacity(); }
  // The free slot; call only when has_free_slot().
  MutableBytes free_slot();
  // Queues `packet`, which lies inside free_slot(), for `destination`, of
  // the socket's family (sendmmsg fails that packet otherwise). A `source`
  // goes with it as IP_PKTINFO or IPV6_PKTINFO (a control message per
  // packet, so one sendmmsg still sends packets of different sources): the
  // kernel sends from that local address, and fails that packet alone with
  // EINVAL when it is not one. Without it the packet leaves from the bound
  // address, or the one routing picks.
  void queue(Bytes packet, const gre::IpAddress& destination,
             const std::optional<gre::IpAddress>& source = std::nullopt);

 private:
  friend class RawGreSocket;

  // Makes every slot ready for recvmmsg and empties the batch.
  void prepare_receive();
  void set_received(std::size_t count);
  // The kernel took `count` packets from the front of the queue.
  void consume(std::size_t count);
  mmsghdr* pending() { return &headers_[begin_]; }

  // Room for one IP_PKTINFO or IPV6_PKTINFO control message, aligned for cmsghdr.
  union Control {
    cmsghdr header;
    std::uint8_t space[CMSG_SPACE(sizeof(in6_pktinfo))];
  };

  std::unique_ptr<std::uint8_t[]> storage_;  // capacity * kSlotSize
  std::vector<mmsghdr> headers_;
  std::vector<iovec> vectors_;
  std::vector<sockaddr_storage> addresses_;  // destinations, or sources when receiving
  std::vector<Control> controls_;            // sources when sending
  std::size_t begin_ = 0;                    // first received or unsent packet
  std::size_t end_ = 0;                      // one past the last
};

}  // namespace pptpkit::net
