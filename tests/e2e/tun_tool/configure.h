// tun_tool's use of net::Netlink: the set-up a server or client does on its
// TUN, the matching tear-down, and the answers the test checks (route
// lookups, error texts).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "net/netlink.h"
#include "options.h"

namespace pptpkit::e2e {

// MTU, txqueuelen, addresses, link up, routes, in that order; the first
// failure's text, or nothing.
std::optional<std::string> configure(net::Netlink& netlink, unsigned ifindex, const TunToolOptions& options);

// Deletes the routes and addresses configure() added and the `pinned`
// route; the first failure's text, or nothing.
std::optional<std::string> unconfigure(net::Netlink& netlink, unsigned ifindex, const TunToolOptions& options,
                                       const std::optional<net::Route>& pinned);

// Looks up the route to `host` and adds a host route (/32, /128) through
// the same gateway and device, so it stays there when a default route
// through the tunnel is added. The route added, or the failure's text.
Result<net::Route, std::string> pin_host(net::Netlink& netlink, const asio::ip::address& host);

// Where the kernel now routes the peer and the route's destination:
// {"peer": {"ifindex": ...}, "route": {...}}.
nlohmann::json lookups(net::Netlink& netlink, const TunToolOptions& options);

// Requests the kernel must refuse, and what the refusal says: the address
// added twice, a route with host bits set.
nlohmann::json refusals(net::Netlink& netlink, unsigned ifindex, const TunToolOptions& options);

}  // namespace pptpkit::e2e
