// Network configuration over rtnetlink (libmnl), one synchronous request at
// a time: link state, MTU and transmit queue length of a device; addresses
// and routes on it (IPv4 and IPv6); and the kernel's route to a destination.
// Each call changes exactly what it names and fails, when the kernel says
// no, with a ConfigError saying what was attempted, errno and the kernel's
// own explanation. Needs CAP_NET_ADMIN except for lookup_route.
//
// Set-up and tear-down only: a call blocks until the kernel answers (at
// most a few seconds), which it does at once.
#pragma once

#include <asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "net/config_error.h"
#include "net/netlink_socket.h"

namespace pptpkit::net {

// An address on a device (ip addr add LOCAL/PREFIX [peer PEER]).
struct InterfaceAddress {
  asio::ip::address local;  // IFA_LOCAL: this end's address
  std::uint8_t prefix_length = 32;
  // IFA_ADDRESS on a point-to-point link: the other end, to which the kernel
  // adds a route (the prefix length applies to it). Without it IFA_ADDRESS
  // repeats `local`, as iproute2 does.
  std::optional<asio::ip::address> peer;
};

// rtm_protocol values: who installed a route (`ip route` shows it as
// "proto"). Any number up to 255 not in /etc/iproute2/rt_protos also works,
// which lets pptpkit's routes be told apart from everyone else's.
inline constexpr std::uint8_t kRouteProtocolStatic = 4;  // RTPROT_STATIC
inline constexpr std::uint32_t kRouteTableMain = 254;    // RT_TABLE_MAIN

struct Route {
  asio::ip::address destination;  // the network address: host bits must be zero
  std::uint8_t prefix_length = 32;
  unsigned ifindex = 0;  // RTA_OIF: the device the route leads out of
  // RTA_GATEWAY, next hop on that device. Without one the destination is
  // directly on the device (IPv4 scope link), as on a TUN.
  std::optional<asio::ip::address> gateway;
  std::uint8_t protocol = kRouteProtocolStatic;
  std::uint32_t table = kRouteTableMain;
  // RTA_PRIORITY (`metric`): lower wins. 0 leaves the kernel's default (0
  // for IPv4, 1024 for IPv6).
  std::uint32_t metric = 0;
  // RTAX_MTU in RTA_METRICS (`mtu`): packets to the destination larger than
  // this are fragmented, or refused with "fragmentation needed" when DF is
  // set. 0 leaves the device's MTU.
  std::uint32_t mtu = 0;
};

// Where the kernel would send a packet for a destination now (ip route get).
struct RouteLookup {
  unsigned ifindex = 0;
  std::optional<asio::ip::address> gateway;           // none: directly attached
  std::optional<asio::ip::address> preferred_source;  // the source it would pick
};

class Netlink {
 public:
  static Result<Netlink, ConfigError> create();

  // Brings the device up or down (IFF_UP), leaving its other flags alone.
  Status<ConfigError> set_link_up(unsigned ifindex, bool up);
  Status<ConfigError> set_mtu(unsigned ifindex, std::uint32_t mtu);
  // Packets the device's queue holds before the kernel drops: a TUN's
  // default 500 tail-drops bursts a userspace reader cannot keep up with.
  Status<ConfigError> set_txqueuelen(unsigned ifindex, std::uint32_t packets);
  // No automatic IPv6 addresses on the device (IFLA_INET6_ADDR_GEN_MODE
  // none, before it is up): no link-local address, so the kernel sends no
  // Router Solicitation or MLD report into a link that does not carry IPv6.
  // Fails with EAFNOSUPPORT when the kernel runs without IPv6.
  Status<ConfigError> disable_ipv6_autoconfiguration(unsigned ifindex);

  // Fails with EEXIST when the device already has that address.
  Status<ConfigError> add_address(unsigned ifindex, const InterfaceAddress& address);
  Status<ConfigError> delete_address(unsigned ifindex, const InterfaceAddress& address);

  // Fails with EEXIST when the table already has a route to that prefix
  // with that metric: nothing is replaced.
  Status<ConfigError> add_route(const Route& route);
  // Deletes the route matching `route`, protocol included, so a route
  // someone else installed to the same prefix is never removed.
  Status<ConfigError> delete_route(const Route& route);

  // The route the kernel uses for `destination` (RTM_GETROUTE). The client
  // asks for the server's before it installs a default route through the
  // tunnel, then pins the server with a /32 via that gateway and device.
  Result<RouteLookup, ConfigError> lookup_route(const asio::ip::address& destination);

 private:
  explicit Netlink(NetlinkSocket socket) : socket_(std::move(socket)) {}

  Status<ConfigError> change_address(std::uint16_t type, std::uint16_t flags, unsigned ifindex,
                                     const InterfaceAddress& address, std::string attempted);
  Status<ConfigError> change_route(std::uint16_t type, std::uint16_t flags, const Route& route,
                                   std::string attempted);

  NetlinkSocket socket_;
};

}  // namespace pptpkit::net
