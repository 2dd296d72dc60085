// What the VPN client puts in the kernel for one session besides what
// EndpointRuntime does on ConfigureTun (the TUN's address, MTU, link up):
// the server pinned to the path it is reached by now, then the routes
// through the tunnel (route_plan.h); and taking all of it back out when the
// session ends, the TUN's address included and the device set down, so
// the same device serves the next session (--reconnect). It removes only
// what it added itself: a route that exists already is never replaced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "client/route_plan.h"
#include "net/netlink.h"
#include "net/tun_device.h"
#include "ppp/ipcp.h"

namespace pptpkit::client {

class SessionNetwork {
 public:
  // All three must outlive this object.
  SessionNetwork(net::Netlink& netlink, const net::TunDevice& tun, const RoutePlan& plan,
                 std::uint32_t server);
  SessionNetwork(const SessionNetwork&) = delete;
  SessionNetwork& operator=(const SessionNetwork&) = delete;
  ~SessionNetwork() { tear_down(); }

  // The runtime configured the TUN device with `addresses`.
  void tun_configured(const ppp::Ipv4Assignment& addresses);
  // The session is up: pins the server (when the plan says so), then adds
  // the tunnel's routes. A route to the server that exists already is kept
  // as it is (it serves as the pin); a tunnel route that exists already,
  // or any refusal by the kernel, fails the whole set, after removing what
  // was added.
  Status<std::string> add_routes();
  // Removes every route add_routes() added, newest first, and the TUN's
  // address, and sets the device down. Does nothing the second time.
  void tear_down();

 private:
  Status<std::string> pin_server();
  // Adds `route`; one to the same prefix that exists already fails, or
  // with `keep_existing` is left as it is.
  Status<std::string> add(const net::Route& route, bool keep_existing);

  net::Netlink& netlink_;
  const net::TunDevice& tun_;
  const RoutePlan& plan_;
  std::uint32_t server_;
  std::vector<net::Route> added_;
  std::optional<net::InterfaceAddress> tun_address_;
};

}  // namespace pptpkit::client
