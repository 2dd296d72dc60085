#include "net/raw_gre_socket.h"

#include <unistd.h>

#include <cerrno>
#include <utility>

#include "net/socket_address.h"

namespace pptpkit::net {
namespace {

Unexpected<SystemError> fail(std::string_view call) { return Unexpected(SystemError{call, errno}); }

// Privileged processes may exceed net.core.*mem_max; others get the cap.
bool set_buffer(int fd, int forced, int plain, int size) {
  return setsockopt(fd, SOL_SOCKET, forced, &size, sizeof size) == 0 ||
         setsockopt(fd, SOL_SOCKET, plain, &size, sizeof size) == 0;
}

}  // namespace

Result<RawGreSocket, SystemError> RawGreSocket::open_ipv4(const RawGreSocketOptions& options) {
  return open(gre::IpAddress::Family::kIpv4, options);
}

Result<RawGreSocket, SystemError> RawGreSocket::open_ipv6(const RawGreSocketOptions& options) {
  return open(gre::IpAddress::Family::kIpv6, options);
}

Result<RawGreSocket, SystemError> RawGreSocket::open(gre::IpAddress::Family family,
                                                     const RawGreSocketOptions& options) {
  const bool v6 = family == gre::IpAddress::Family::kIpv6;
  const int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_GRE);
  if (fd < 0)
    return fail(v6 ? "socket(AF_INET6, SOCK_RAW, IPPROTO_GRE)" : "socket(AF_INET, SOCK_RAW, IPPROTO_GRE)");
  RawGreSocket s(fd, family);
  if (!set_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, options.receive_buffer))
    return fail("setsockopt(SO_RCVBUF)");
  if (!set_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, options.send_buffer)) return fail("setsockopt(SO_SNDBUF)");
  if (options.local_address) {
    // An address of the other family gets the kernel's EINVAL or EAFNOSUPPORT.
    sockaddr_storage local;
    const socklen_t length = to_sockaddr(*options.local_address, local);
    if (bind(fd, reinterpret_cast<const sockaddr*>(&local), length) != 0) return fail("bind");
  }
  return s;
}

RawGreSocket::RawGreSocket(RawGreSocket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), family_(other.family_) {}

RawGreSocket& RawGreSocket::operator=(RawGreSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    family_ = other.family_;
  }
  return *this;
}

RawGreSocket::~RawGreSocket() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::size_t, SystemError> RawGreSocket::receive(PacketBatch& batch) {
  batch.prepare_receive();
  const int n =
      recvmmsg(fd_, batch.headers_.data(), static_cast<unsigned>(batch.capacity()), MSG_DONTWAIT, nullptr);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return std::size_t{0};
    return fail("recvmmsg");
  }
  batch.set_received(static_cast<std::size_t>(n));
  return static_cast<std::size_t>(n);
}

Result<std::size_t, SendFailure> RawGreSocket::send(PacketBatch& batch) {
  std::size_t sent = 0;
  while (!batch.empty()) {
    const int n = sendmmsg(fd_, batch.pending(), static_cast<unsigned>(batch.size()), MSG_DONTWAIT);
    if (n > 0) {
      batch.consume(static_cast<std::size_t>(n));
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) break;
    const SendFailure failure{{"sendmmsg", errno}, batch.destination(0)};
    batch.consume(1);
    return Unexpected(failure);
  }
  return sent;
}

}  // namespace pptpkit::net
