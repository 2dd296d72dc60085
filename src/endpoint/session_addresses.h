// The address source of one server session (the ppp::AddressProvider its
// authenticator link asks after authentication): first the per-user session
// limit, then the pool. It remembers what it handed out, gives it back when
// the session ends (destructor), and keeps the reason of a refusal so the
// session's end can name it instead of a bare "no address".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "endpoint/ip_pool.h"
#include "endpoint/session_limits.h"
#include "ppp/link_config.h"

namespace pptpkit::endpoint {

class SessionAddresses final : public ppp::AddressProvider {
 public:
  SessionAddresses(IpPool& pool, SessionCounter& counter) : pool_(pool), counter_(counter) {}
  ~SessionAddresses() override;
  SessionAddresses(const SessionAddresses&) = delete;
  SessionAddresses& operator=(const SessionAddresses&) = delete;

  // Called again when IPCP renegotiates: the same assignment comes back.
  Result<ppp::Ipv4Assignment, ppp::CloseReason> assign(std::string_view user,
                                                       const ppp::AllowedAddresses& allowed) override;

  std::optional<std::uint32_t> peer_address() const;
  // Why the last assign() returned nothing; empty if it did not.
  const std::string& refusal() const { return refusal_; }

 private:
  IpPool& pool_;
  SessionCounter& counter_;
  std::optional<ppp::Ipv4Assignment> assignment_;
  std::string user_;  // counted in counter_ when set
  bool counted_ = false;
  std::string refusal_;
};

}  // namespace pptpkit::endpoint
