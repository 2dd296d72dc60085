#include "net/control_session.h"

#include <utility>

#include "net/endpoint_text.h"

namespace pptpkit::net {

namespace {

pptp::ConnectionConfig with_addresses(pptp::ConnectionConfig config, const asio::ip::tcp::socket& socket,
                                      const asio::ip::tcp::endpoint& peer) {
  std::error_code error;
  const auto local = socket.local_endpoint(error);
  config.local_address = error ? 0 : ipv4_host_order(local.address());
  config.peer_address = ipv4_host_order(peer.address());
  config.peer_name = to_string(peer);
  return config;
}

}  // namespace

ControlSession::ControlSession(std::uint64_t id, asio::ip::tcp::socket socket,
                               const asio::ip::tcp::endpoint& peer, pptp::ConnectionConfig config,
                               pptp::Origin origin, pptp::CallIdAllocator& allocator,
                               const pptp::CollisionCheck* collision, Timestamp now)
    : id_(id),
      socket_(std::move(socket)),
      peer_(peer),
      peer_name_(to_string(peer)),
      origin_(origin),
      connection_(with_addresses(std::move(config), socket_, peer), origin, allocator, collision, now) {}

}  // namespace pptpkit::net
