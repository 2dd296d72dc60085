#include "client/session_network.h"

#include <net/if.h>
#include <spdlog/spdlog.h>

#include <cerrno>

namespace pptpkit::client {

namespace {

// "198.51.100.0/24 dev pptp-c0", "192.0.2.10/32 via 192.0.2.1 dev eth0".
std::string route_text(const net::Route& route) {
  char name[IF_NAMESIZE] = {};
  std::string text = route.destination.to_string() + "/" + std::to_string(route.prefix_length);
  if (route.gateway) text += " via " + route.gateway->to_string();
  return text + " dev " +
         (if_indextoname(route.ifindex, name) != nullptr ? std::string(name) : std::to_string(route.ifindex));
}

net::Route route_to(const Ipv4Prefix& prefix, unsigned ifindex) {
  net::Route route;
  route.destination = asio::ip::address_v4(prefix.network);
  route.prefix_length = prefix.length;
  route.ifindex = ifindex;
  return route;
}

}  // namespace

SessionNetwork::SessionNetwork(net::Netlink& netlink, const net::TunDevice& tun, const RoutePlan& plan,
                               std::uint32_t server)
    : netlink_(netlink), tun_(tun), plan_(plan), server_(server) {}

void SessionNetwork::tun_configured(const ppp::Ipv4Assignment& addresses) {
  tun_address_ =
      net::InterfaceAddress{asio::ip::address_v4(addresses.local), 32, asio::ip::address_v4(addresses.peer)};
}

Status<std::string> SessionNetwork::add_routes() {
  auto done = plan_.pin_server ? pin_server() : Status<std::string>{};
  for (auto prefix = plan_.through_tunnel.begin(); done && prefix != plan_.through_tunnel.end(); ++prefix) {
    done = add(route_to(*prefix, tun_.index()), false);
  }
  if (!done) tear_down();
  return done;
}

Status<std::string> SessionNetwork::pin_server() {
  const asio::ip::address server = asio::ip::address_v4(server_);
  auto path = netlink_.lookup_route(server);
  if (!path) return Unexpected{net::to_string(path.error())};
  if (path->ifindex == tun_.index()) {
    return Unexpected{"the server " + server.to_string() + " is reached through the tunnel itself"};
  }
  net::Route pin = route_to(Ipv4Prefix{server_, 32}, path->ifindex);
  pin.gateway = path->gateway;
  return add(pin, true);
}

Status<std::string> SessionNetwork::add(const net::Route& route, bool keep_existing) {
  if (auto done = netlink_.add_route(route); !done) {
    if (done.error().code != EEXIST) return Unexpected{net::to_string(done.error())};
    if (!keep_existing) {
      return Unexpected{"route " + route_text(route) +
                        ": the table has a route to that prefix already, which is not ours to replace"};
    }
    spdlog::warn("route {}: one to that prefix exists already, kept as it is", route_text(route));
    return {};
  }
  spdlog::info("route added {}", route_text(route));
  added_.push_back(route);
  return {};
}

void SessionNetwork::tear_down() {
  for (auto it = added_.rbegin(); it != added_.rend(); ++it) {
    if (auto done = netlink_.delete_route(*it); !done) {
      spdlog::warn("{}", net::to_string(done.error()));
    } else {
      spdlog::info("route removed {}", route_text(*it));
    }
  }
  added_.clear();
  if (!tun_address_) return;
  for (const auto& done :
       {netlink_.delete_address(tun_.index(), *tun_address_), netlink_.set_link_up(tun_.index(), false)}) {
    if (!done) spdlog::warn("{}", net::to_string(done.error()));
  }
  spdlog::info("tun cleared dev={}", tun_.name());
  tun_address_.reset();
}

}  // namespace pptpkit::client
