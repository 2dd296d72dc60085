#include "configure.h"

namespace pptpkit::e2e {
namespace {

net::InterfaceAddress interface_address(const Prefix& prefix, std::optional<asio::ip::address> peer = {}) {
  return {.local = prefix.address, .prefix_length = prefix.length, .peer = peer};
}

// On-link through the device, with the defaults: proto static, table main.
net::Route device_route(const Prefix& prefix, unsigned ifindex) {
  net::Route route;
  route.destination = prefix.address;
  route.prefix_length = prefix.length;
  route.ifindex = ifindex;
  return route;
}

std::optional<std::string> failure(const Status<net::ConfigError>& status) {
  if (status) return std::nullopt;
  return net::to_string(status.error());
}

nlohmann::json lookup_json(net::Netlink& netlink, const asio::ip::address& destination) {
  const auto lookup = netlink.lookup_route(destination);
  if (!lookup) return {{"error", net::to_string(lookup.error())}};
  nlohmann::json out{{"ifindex", lookup->ifindex}};
  if (lookup->gateway) out["gateway"] = lookup->gateway->to_string();
  if (lookup->preferred_source) out["preferred_source"] = lookup->preferred_source->to_string();
  return out;
}

}  // namespace

std::optional<std::string> configure(net::Netlink& netlink, unsigned ifindex, const TunToolOptions& options) {
  std::optional<std::string> error = failure(netlink.set_mtu(ifindex, options.mtu));
  if (!error) error = failure(netlink.set_txqueuelen(ifindex, options.txqueuelen));
  if (!error) error = failure(netlink.add_address(ifindex, interface_address(options.address, options.peer)));
  if (!error && options.address6)
    error = failure(netlink.add_address(ifindex, interface_address(*options.address6)));
  if (!error) error = failure(netlink.disable_ipv6_autoconfiguration(ifindex));
  if (!error) error = failure(netlink.set_link_up(ifindex, true));
  if (!error) error = failure(netlink.add_route(device_route(options.route, ifindex)));
  if (!error && options.route6) error = failure(netlink.add_route(device_route(*options.route6, ifindex)));
  return error;
}

std::optional<std::string> unconfigure(net::Netlink& netlink, unsigned ifindex, const TunToolOptions& options,
                                       const std::optional<net::Route>& pinned) {
  std::optional<std::string> error = pinned ? failure(netlink.delete_route(*pinned)) : std::nullopt;
  if (!error) error = failure(netlink.delete_route(device_route(options.route, ifindex)));
  if (!error && options.route6) error = failure(netlink.delete_route(device_route(*options.route6, ifindex)));
  if (!error)
    error = failure(netlink.delete_address(ifindex, interface_address(options.address, options.peer)));
  if (!error && options.address6) {
    error = failure(netlink.delete_address(ifindex, interface_address(*options.address6)));
  }
  return error;
}

Result<net::Route, std::string> pin_host(net::Netlink& netlink, const asio::ip::address& host) {
  const auto current = netlink.lookup_route(host);
  if (!current) return Unexpected(net::to_string(current.error()));
  net::Route route;
  route.destination = host;
  route.prefix_length = host.is_v4() ? 32 : 128;
  route.ifindex = current->ifindex;
  route.gateway = current->gateway;
  if (const auto error = failure(netlink.add_route(route))) return Unexpected(*error);
  return route;
}

nlohmann::json lookups(net::Netlink& netlink, const TunToolOptions& options) {
  nlohmann::json out{{"route", lookup_json(netlink, options.route.address)}};
  if (options.peer) out["peer"] = lookup_json(netlink, *options.peer);
  return out;
}

nlohmann::json refusals(net::Netlink& netlink, unsigned ifindex, const TunToolOptions& options) {
  net::Route host_bits = device_route(options.route, ifindex);
  host_bits.prefix_length = 24;  // e.g. 198.18.0.99/24: not a network address
  return {
      {"duplicate_address",
       failure(netlink.add_address(ifindex, interface_address(options.address, options.peer))).value_or("")},
      {"host_bits", failure(netlink.add_route(host_bits)).value_or("")}};
}

}  // namespace pptpkit::e2e
