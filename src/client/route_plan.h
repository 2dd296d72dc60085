// Which routes the VPN client puts through its tunnel (--route,
// --default-route), decided before anything is connected: pure, so the
// refusals are unit-tested. session_network.h carries the plan out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace pptpkit::client {

// An IPv4 prefix, host order, host bits zero.
struct Ipv4Prefix {
  std::uint32_t network = 0;
  std::uint8_t length = 0;
  friend bool operator==(const Ipv4Prefix&, const Ipv4Prefix&) = default;
};

// "A.B.C.D/N". Refuses host bits below the prefix (198.51.100.7/24): the
// kernel would refuse the route, and the user meant one of two things.
Result<Ipv4Prefix, std::string> parse_ipv4_prefix(std::string_view text);
std::string to_string(const Ipv4Prefix& prefix);
bool contains(const Ipv4Prefix& prefix, std::uint32_t address);

struct RouteSettings {
  std::vector<Ipv4Prefix> routes;  // --route, in the order given
  bool default_route = false;      // --default-route
};

struct RoutePlan {
  // Through the TUN device, in this order: the --route prefixes, then
  // 0.0.0.0/1 and 128.0.0.0/1 for --default-route. Two /1 routes (OpenVPN's
  // def1) beat any default route by prefix length whatever its metric, so
  // the underlay's own default is never replaced, deleted or outranked by
  // metric games, and it is back in force the moment they go.
  std::vector<Ipv4Prefix> through_tunnel;
  // A /32 to the server along the path it is reached by now, added before
  // the tunnel routes: needed whenever one of them covers the server's
  // address, or the tunnel's own packets would enter the tunnel.
  bool pin_server = false;
};

// Refuses a prefix of length 0 (--default-route does that without
// replacing the underlay's default), a /32 to the server itself (its
// packets cannot travel inside the tunnel they carry) and the same prefix
// twice.
Result<RoutePlan, std::string> plan_routes(const RouteSettings& settings, std::uint32_t server);

}  // namespace pptpkit::client
