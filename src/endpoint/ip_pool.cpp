#include "endpoint/ip_pool.h"

#include <algorithm>
#include <utility>

namespace pptpkit::endpoint {

std::string_view to_string(PoolError e) {
  switch (e) {
    case PoolError::kExhausted:
      return "address pool exhausted";
    case PoolError::kStaticInUse:
      return "static address already in use";
    case PoolError::kNothingAllowed:
      return "no address allowed for this user";
  }
  return "unknown pool error";
}

AddressRange AddressRange::from_prefix(const ppp::Ipv4Prefix& prefix) {
  const std::uint8_t length = std::min<std::uint8_t>(prefix.length, 32);
  const std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
  const std::uint32_t network = prefix.address & mask;
  const std::uint32_t broadcast = network | ~mask;
  if (length >= 31) return {network, broadcast};
  return {network + 1, broadcast - 1};
}

IpPool::IpPool(IpPoolConfig config) : config_(std::move(config)) {
  std::size_t total = 0;
  for (const AddressRange& r : config_.ranges) {
    if (r.last >= r.first) total += r.size();
  }
  used_.assign(std::min(total, kMaxAddresses), false);
  // The server's own address is never a peer's.
  if (const auto index = index_of(config_.local)) used_[*index] = true;
}

Result<ppp::Ipv4Assignment, PoolError> IpPool::allocate(const ppp::AllowedAddresses& allowed) {
  if (const auto fixed = allowed.static_address()) {
    if (*fixed == config_.local || !take(*fixed)) return Unexpected{PoolError::kStaticInUse};
    return assignment(*fixed);
  }
  if (!allowed.any && allowed.prefixes.empty()) return Unexpected{PoolError::kNothingAllowed};
  for (std::size_t step = 0; step < used_.size(); ++step) {
    const std::size_t index = (cursor_ + step) % used_.size();
    if (used_[index]) continue;
    const std::uint32_t address = address_at(index);
    if (!allowed.allows(address)) continue;
    used_[index] = true;
    ++in_use_;
    cursor_ = (index + 1) % used_.size();
    return assignment(address);
  }
  return Unexpected{PoolError::kExhausted};
}

void IpPool::release(std::uint32_t address) {
  if (const auto index = index_of(address)) {
    if (address == config_.local || !used_[*index]) return;
    used_[*index] = false;
    --in_use_;
    return;
  }
  if (outside_.erase(address) != 0) --in_use_;
}

Result<ppp::Ipv4Assignment, ppp::CloseReason> IpPool::assign(std::string_view,
                                                             const ppp::AllowedAddresses& allowed) {
  auto result = allocate(allowed);
  if (!result) return Unexpected{ppp::CloseReason::kNoAddress};
  return *result;
}

void IpPool::set_name_servers(const IpPoolConfig& config) {
  config_.primary_dns = config.primary_dns;
  config_.secondary_dns = config.secondary_dns;
  config_.primary_nbns = config.primary_nbns;
  config_.secondary_nbns = config.secondary_nbns;
}

ppp::Ipv4Assignment IpPool::assignment(std::uint32_t peer) const {
  return ppp::Ipv4Assignment{config_.local,        peer,
                             config_.primary_dns,  config_.secondary_dns,
                             config_.primary_nbns, config_.secondary_nbns};
}

std::optional<std::size_t> IpPool::index_of(std::uint32_t address) const {
  std::size_t base = 0;
  for (const AddressRange& r : config_.ranges) {
    if (r.last < r.first) continue;
    if (address >= r.first && address <= r.last) {
      const std::size_t index = base + (address - r.first);
      if (index < used_.size()) return index;
      return std::nullopt;
    }
    base += r.size();
  }
  return std::nullopt;
}

std::uint32_t IpPool::address_at(std::size_t index) const {
  for (const AddressRange& r : config_.ranges) {
    if (r.last < r.first) continue;
    if (index < r.size()) return r.first + static_cast<std::uint32_t>(index);
    index -= r.size();
  }
  return 0;
}

bool IpPool::take(std::uint32_t address) {
  if (const auto index = index_of(address)) {
    if (used_[*index]) return false;
    used_[*index] = true;
  } else if (!outside_.insert(address).second) {
    return false;
  }
  ++in_use_;
  return true;
}

}  // namespace pptpkit::endpoint
