// The TUN device a VPN program (server or client) carries its sessions on,
// with the netlink socket that configures it, set up the way both need it:
// a transmit queue long enough for bursts through a userspace tunnel (the
// default 500 tail-drops under load: thousands of TCP retransmits
// measured), and no IPv6 (only IPv4 is carried, docs/endpoint.md).
// Addresses, MTU and link state differ between server and client and stay
// with them.
#pragma once

#include <string_view>

#include "base/result.h"
#include "net/config_error.h"
#include "net/netlink.h"
#include "net/tun_device.h"

namespace pptpkit::net {

inline constexpr unsigned kVpnTunTxQueueLength = 1000;

struct VpnTun {
  TunDevice device;
  Netlink netlink;
};

// Creates the TUN device `name` (a `%d` template or a fixed name) and
// prepares it as above.
Result<VpnTun, ConfigError> open_vpn_tun(std::string_view name);

}  // namespace pptpkit::net
