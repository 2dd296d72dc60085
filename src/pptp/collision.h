// Start-Control-Connection-Request collisions (RFC 2637 section 3.1.3): a PAC
// and a PNS that open control connections to each other at once keep only
// the one opened by the peer with the higher IP address.
#pragma once

#include <cstdint>

namespace pptpkit::pptp {

// Implemented by the owner's table of control connections. A connection that
// receives a Start-Control-Connection-Request asks whether this endpoint has
// sent one of its own to the same peer, on another TCP connection, and still
// awaits the reply (ControlConnection::awaiting_start_reply()).
class CollisionCheck {
 public:
  virtual ~CollisionCheck() = default;
  virtual bool start_request_pending(std::uint32_t peer_address) const = 0;
};

// "compared as 32 bit unsigned values, network number more significant":
// with host-order addresses that is plain unsigned comparison.
constexpr bool wins_collision(std::uint32_t local_address, std::uint32_t peer_address) {
  return local_address > peer_address;
}

}  // namespace pptpkit::pptp
