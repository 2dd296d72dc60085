#include "net/tun_device.h"

#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace pptpkit::net {
namespace {

Unexpected<ConfigError> fail(std::string attempted, int code) {
  return Unexpected(ConfigError{.attempted = std::move(attempted), .code = code, .kernel_message = {}});
}

bool would_block(int code) { return code == EAGAIN || code == EWOULDBLOCK; }

}  // namespace

Result<TunDevice, ConfigError> TunDevice::create(std::string_view name) {
  const std::string attempted = "create TUN device " + std::string(name);
  if (name.empty() || name.size() >= IFNAMSIZ)
    return fail(attempted + " (name must be 1-15 characters)", EINVAL);
  const int fd = ::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return fail(attempted + ": open /dev/net/tun (is the tun module loaded? a container needs the device)",
                errno);
  }
  TunDevice device(fd, {}, 0);
  ifreq request{};
  std::memcpy(request.ifr_name, name.data(), name.size());
  request.ifr_flags = IFF_TUN | IFF_NO_PI;
  if (ioctl(fd, TUNSETIFF, &request) != 0) return fail(attempted + ": ioctl(TUNSETIFF)", errno);
  device.name_ = request.ifr_name;  // with any "%d" replaced by the kernel
  device.index_ = if_nametoindex(request.ifr_name);
  if (device.index_ == 0) return fail(attempted + ": if_nametoindex", errno);
  return device;
}

TunDevice::TunDevice(TunDevice&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      name_(std::move(other.name_)),
      index_(std::exchange(other.index_, 0)) {}

TunDevice& TunDevice::operator=(TunDevice&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    name_ = std::move(other.name_);
    index_ = std::exchange(other.index_, 0);
  }
  return *this;
}

TunDevice::~TunDevice() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::size_t, SystemError> TunDevice::read(TunReadBatch& batch) {
  batch.size_ = 0;
  while (batch.size_ < batch.capacity()) {
    const MutableBytes space = batch.read_space(batch.size_);
    const ssize_t n = ::read(fd_, space.data(), space.size());
    if (n > 0) {
      batch.lengths_[batch.size_++] = static_cast<std::size_t>(n);
      continue;
    }
    // Non-blocking: read(2) never sleeps, so there is no EINTR to retry.
    if (n == 0 || would_block(errno) || batch.size_ > 0) break;
    return Unexpected(SystemError{"read(tun)", errno});
  }
  return batch.size_;
}

Status<SystemError> TunDevice::write(Bytes packet) {
  if (::write(fd_, packet.data(), packet.size()) < 0) return Unexpected(SystemError{"write(tun)", errno});
  return {};
}

}  // namespace pptpkit::net
