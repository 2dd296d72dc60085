#include "net/vpn_tun.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace pptpkit::net {

Result<VpnTun, ConfigError> open_vpn_tun(std::string_view name) {
  auto device = TunDevice::create(name);
  if (!device) return Unexpected{device.error()};
  auto netlink = Netlink::create();
  if (!netlink) return Unexpected{netlink.error()};
  if (auto done = netlink->set_txqueuelen(device->index(), kVpnTunTxQueueLength); !done)
    return Unexpected{done.error()};
  // Without an IPv6 link-local address the kernel writes no IPv6 (router
  // solicitations, MLD) into the TUN. A kernel without IPv6 refuses, which
  // changes nothing.
  if (auto done = netlink->disable_ipv6_autoconfiguration(device->index()); !done)
    spdlog::warn("{}", to_string(done.error()));
  return VpnTun{std::move(*device), std::move(*netlink)};
}

}  // namespace pptpkit::net
