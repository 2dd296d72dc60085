// A layer-3 TUN device (IFF_TUN | IFF_NO_PI): the kernel hands us the IP
// packets it routes to the device and takes the ones we write as if they had
// arrived on it. No packet-information prefix, so a packet read is exactly
// an IPv4 or IPv6 datagram. The descriptor is non-blocking; the device is
// not persistent and disappears when this object is destroyed.
//
// Creating it needs CAP_NET_ADMIN. Configure it (address, MTU, up) with
// net::Netlink using index().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "net/config_error.h"
#include "net/system_error.h"
#include "net/tun_read_batch.h"

namespace pptpkit::net {

// The server's one device (DESIGN.md); the client creates one per connection
// from a pattern such as "pptp-c%d".
inline constexpr std::string_view kServerTunName = "pptp0";

class TunDevice {
 public:
  // Creates the device `name` (at most 15 characters). A "%d" in the name
  // lets the kernel pick the first free number ("pptp-c%d" -> "pptp-c0");
  // name() says which. Fails with EPERM without CAP_NET_ADMIN, and when a
  // device of that name exists that is not a TUN owned by us.
  static Result<TunDevice, ConfigError> create(std::string_view name);

  TunDevice(TunDevice&& other) noexcept;
  TunDevice& operator=(TunDevice&& other) noexcept;
  TunDevice(const TunDevice&) = delete;
  TunDevice& operator=(const TunDevice&) = delete;
  ~TunDevice();

  int native_handle() const { return fd_; }
  const std::string& name() const { return name_; }
  // The interface index, what netlink requests name the device by.
  unsigned index() const { return index_; }

  // Replaces the batch's contents with the packets waiting, up to its
  // capacity, one read(2) each (TUN has no multi-packet read), and returns
  // how many; 0 when none is waiting. An error after some packets were read
  // is not lost: it returns the packets and recurs on the next call.
  Result<std::size_t, SystemError> read(TunReadBatch& batch);

  // Writes one IP packet (the kernel receives it as if from the device).
  // EIO while the device is down, EINVAL for a packet that is not IP.
  Status<SystemError> write(Bytes packet);

 private:
  TunDevice(int fd, std::string name, unsigned index) : fd_(fd), name_(std::move(name)), index_(index) {}

  int fd_ = -1;
  std::string name_;
  unsigned index_ = 0;
};

}  // namespace pptpkit::net
