// A raw IPPROTO_GRE socket for IPv4 or IPv6: the PPTP data channel without
// the kernel's GRE or pptp modules. Receiving over IPv4 yields whole
// datagrams, header included (gre::Demux::on_datagram); over IPv6 the GRE
// packet alone, its source in PacketBatch::source (gre::Demux::on_gre).
// Sending passes the GRE packet, its destination and optionally its source
// (IP_PKTINFO / IPV6_PKTINFO) and the kernel writes the IP header
// (IP_HDRINCL off). Non-blocking, batched with
// recvmmsg/sendmmsg over a PacketBatch.
//
// Every raw GRE socket on a host receives a copy of every GRE packet that
// arrives there, so a process opens one per address family and
// demultiplexes itself (docs/net.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/result.h"
#include "gre/ip_address.h"
#include "net/packet_batch.h"
#include "net/system_error.h"

namespace pptpkit::net {

struct RawGreSocketOptions {
  // Bind to this local address, of the socket's family: only datagrams
  // addressed to it are received, and it is the source of what is sent.
  std::optional<gre::IpAddress> local_address;
  // Socket buffer sizes in octets, so bursts between two event-loop turns
  // are not dropped by the kernel (SO_RCVBUFFORCE when privileged, else
  // capped by net.core.rmem_max / wmem_max).
  int receive_buffer = 4 << 20;
  int send_buffer = 4 << 20;
};

// A packet the kernel refused (send()): why, and where it was going.
struct SendFailure {
  SystemError error;
  gre::IpAddress destination;
};

class RawGreSocket {
 public:
  // Opens the socket. EPERM without CAP_NET_RAW; to_string() says so.
  static Result<RawGreSocket, SystemError> open_ipv4(const RawGreSocketOptions& options);
  static Result<RawGreSocket, SystemError> open_ipv6(const RawGreSocketOptions& options);

  RawGreSocket(RawGreSocket&& other) noexcept;
  RawGreSocket& operator=(RawGreSocket&& other) noexcept;
  RawGreSocket(const RawGreSocket&) = delete;
  RawGreSocket& operator=(const RawGreSocket&) = delete;
  ~RawGreSocket();

  int native_handle() const { return fd_; }
  // kIpv4 or kIpv6: what receive() yields (see above) and send() takes.
  gre::IpAddress::Family family() const { return family_; }

  // Replaces the batch's contents with up to capacity() waiting datagrams
  // (recvmmsg) and returns how many; 0 when none is waiting.
  Result<std::size_t, SystemError> receive(PacketBatch& batch);

  // Sends the batch's queued packets in order (sendmmsg) and returns how
  // many the kernel took. Stops when the send buffer is full (EAGAIN,
  // ENOBUFS): the rest stay queued, to retry once the socket is writable.
  // Any other error drops the packet that caused it from the queue (a
  // datagram is not retried) and is returned with its destination.
  Result<std::size_t, SendFailure> send(PacketBatch& batch);

 private:
  RawGreSocket(int fd, gre::IpAddress::Family family) : fd_(fd), family_(family) {}
  static Result<RawGreSocket, SystemError> open(gre::IpAddress::Family family,
                                                const RawGreSocketOptions& options);

  int fd_ = -1;
  gre::IpAddress::Family family_ = gre::IpAddress::Family::kNone;
};

}  // namespace pptpkit::net
