// The server's one TUN device carries every session (DESIGN.md): packets
// from TUN go to the session that owns their destination address, and
// packets from a session reach TUN only with the source address IPCP
// assigned to it (anti-spoofing, as a per-session reverse-path filter).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include "base/bytes.h"

namespace pptpkit::endpoint {

// Source and destination of an IPv4 packet (RFC 791 3.1), host order;
// nullopt when it is not a well-formed IPv4 packet.
struct Ipv4Addresses {
  std::uint32_t source = 0;
  std::uint32_t destination = 0;
};
std::optional<Ipv4Addresses> ipv4_addresses(Bytes packet);

class RouteTable {
 public:
  // Routes `address` to the session with our Call ID `call_id`; false when
  // another session holds the address.
  bool add(std::uint32_t address, std::uint16_t call_id);
  // Removes the route if `call_id` holds it.
  void remove(std::uint32_t address, std::uint16_t call_id);
  std::optional<std::uint16_t> find(std::uint32_t destination) const;
  std::size_t size() const { return routes_.size(); }

 private:
  std::unordered_map<std::uint32_t, std::uint16_t> routes_;
};

// A packet a session may hand to TUN: IPv4 from the address it was assigned.
bool source_allowed(Bytes packet, std::uint32_t assigned);

}  // namespace pptpkit::endpoint
