// The server's IPv4 address pool: the peer addresses IPCP hands out (RFC 1332
// 3.3). Ranges and CIDR prefixes, static per-user addresses from chap-secrets
// (ppp::AllowedAddresses with a single host), and the secret's allowed
// addresses as a filter. Implements ppp::AddressProvider; the endpoint calls
// allocate() directly to learn why an address was refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/result.h"
#include "ppp/link_config.h"
#include "ppp/secrets.h"

namespace pptpkit::endpoint {

// Inclusive range of IPv4 addresses, host order.
struct AddressRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;

  // Every host of a prefix but its network and broadcast addresses (all of
  // a /31 or /32).
  static AddressRange from_prefix(const ppp::Ipv4Prefix& prefix);
  std::size_t size() const { return std::size_t{last} - first + 1; }
};

struct IpPoolConfig {
  std::uint32_t local = 0;  // the server's end of every link (never handed out)
  std::vector<AddressRange> ranges;
  std::optional<std::uint32_t> primary_dns;
  std::optional<std::uint32_t> secondary_dns;
  std::optional<std::uint32_t> primary_nbns;
  std::optional<std::uint32_t> secondary_nbns;
};

enum class PoolError : std::uint8_t {
  kExhausted,       // every address the secret allows is in use
  kStaticInUse,     // the user's static address is held by another session
  kNothingAllowed,  // the secret allows no address ("-" or no address words)
};

std::string_view to_string(PoolError e);

class IpPool final : public ppp::AddressProvider {
 public:
  // At most this many pool addresses (a /12): the free map is a bit per address.
  static constexpr std::size_t kMaxAddresses = std::size_t{1} << 20;

  explicit IpPool(IpPoolConfig config);

  // An assignment for a peer whose secret allows `allowed`: its static
  // address when it names exactly one host, else the next free pool address
  // the secret allows. Free addresses are handed out round-robin, so a
  // released address is reused as late as possible.
  Result<ppp::Ipv4Assignment, PoolError> allocate(const ppp::AllowedAddresses& allowed);
  // Returns an address allocate() handed out; others are ignored.
  void release(std::uint32_t address);
  // The name servers of `config` (a reload) for assignments from now on;
  // the addresses and ranges stay, since sessions hold addresses from them.
  void set_name_servers(const IpPoolConfig& config);

  // ppp::AddressProvider
  Result<ppp::Ipv4Assignment, ppp::CloseReason> assign(std::string_view user,
                                                       const ppp::AllowedAddresses& allowed) override;

  std::size_t in_use() const { return in_use_; }
  std::size_t capacity() const { return used_.size(); }
  const IpPoolConfig& config() const { return config_; }

 private:
  ppp::Ipv4Assignment assignment(std::uint32_t peer) const;
  // Index of `address` in the pool, if it is a pool address.
  std::optional<std::size_t> index_of(std::uint32_t address) const;
  std::uint32_t address_at(std::size_t index) const;
  bool take(std::uint32_t address);

  IpPoolConfig config_;
  std::vector<bool> used_;  // one per pool address, ranges concatenated
  std::size_t cursor_ = 0;  // where the next round-robin search starts
  std::size_t in_use_ = 0;
  // Static addresses outside the ranges that are in use.
  std::unordered_set<std::uint32_t> outside_;
};

}  // namespace pptpkit::endpoint
