// One TCP connection and the control connection core it feeds, as the
// runtime (ControlRuntime) keeps them. Handlers receive it with every event
// and issue commands on connection(); the runtime writes what they produce.
#pragma once

#include <array>
#include <asio/ip/tcp.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "pptp/control_connection.h"

namespace pptpkit::net {

class ControlSession {
 public:
  ControlSession(std::uint64_t id, asio::ip::tcp::socket socket, const asio::ip::tcp::endpoint& peer,
                 pptp::ConnectionConfig config, pptp::Origin origin, pptp::CallIdAllocator& allocator,
                 const pptp::CollisionCheck* collision, Timestamp now);

  std::uint64_t id() const { return id_; }
  // "192.0.2.2:40000" or "[2001:db8::2]:40000", as log lines name it.
  const std::string& peer_name() const { return peer_name_; }
  const asio::ip::tcp::endpoint& peer() const { return peer_; }
  pptp::Origin origin() const { return origin_; }
  pptp::ControlConnection& connection() { return connection_; }
  const pptp::ControlConnection& connection() const { return connection_; }

 private:
  friend class ControlRuntime;

  // Octets queued for TCP and not yet acknowledged by a write completion.
  std::size_t buffered() const { return pending_.size() + writing_.size(); }

  std::uint64_t id_;
  asio::ip::tcp::socket socket_;
  asio::ip::tcp::endpoint peer_;
  std::string peer_name_;
  pptp::Origin origin_;
  pptp::ControlConnection connection_;

  std::array<std::uint8_t, 4096> read_buffer_{};
  std::vector<std::uint8_t> pending_;  // queued while a write is in flight
  std::vector<std::uint8_t> writing_;  // the write in flight
  bool peer_closed_ = false;           // EOF or a read error
  bool shut_down_ = false;             // our side sent FIN
  bool dead_ = false;                  // socket closed; erased on the next turn of the loop
  // After our FIN: how long we wait for the peer's, so our last message is
  // not cut by a reset.
  std::optional<Timestamp> linger_until_;
};

}  // namespace pptpkit::net
