#include "endpoint/route_table.h"

#include "wire/ipv4.h"

namespace pptpkit::endpoint {

std::optional<Ipv4Addresses> ipv4_addresses(Bytes packet) {
  const auto ip = wire::decode_ipv4(packet);
  if (!ip) return std::nullopt;
  return Ipv4Addresses{ip->header.source_address, ip->header.destination_address};
}

bool RouteTable::add(std::uint32_t address, std::uint16_t call_id) {
  return routes_.try_emplace(address, call_id).second;
}

void RouteTable::remove(std::uint32_t address, std::uint16_t call_id) {
  const auto it = routes_.find(address);
  if (it != routes_.end() && it->second == call_id) routes_.erase(it);
}

std::optional<std::uint16_t> RouteTable::find(std::uint32_t destination) const {
  const auto it = routes_.find(destination);
  if (it == routes_.end()) return std::nullopt;
  return it->second;
}

bool source_allowed(Bytes packet, std::uint32_t assigned) {
  const auto addresses = ipv4_addresses(packet);
  return addresses && addresses->source == assigned;
}

}  // namespace pptpkit::endpoint
