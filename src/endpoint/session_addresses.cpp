#include "endpoint/session_addresses.h"

namespace pptpkit::endpoint {

SessionAddresses::~SessionAddresses() {
  if (assignment_) pool_.release(assignment_->peer);
  if (counted_) counter_.leave(user_);
}

std::optional<ppp::Ipv4Assignment> SessionAddresses::assign(std::string_view user,
                                                            const ppp::AllowedAddresses& allowed) {
  if (assignment_) return assignment_;
  if (!counted_) {
    if (!counter_.enter(user)) {
      refusal_ = "too many sessions for this user";
      return std::nullopt;
    }
    counted_ = true;
    user_ = std::string(user);
  }
  auto result = pool_.allocate(allowed);
  if (!result) {
    refusal_ = std::string(to_string(result.error()));
    return std::nullopt;
  }
  refusal_.clear();
  assignment_ = *result;
  return assignment_;
}

std::optional<std::uint32_t> SessionAddresses::peer_address() const {
  if (!assignment_) return std::nullopt;
  return assignment_->peer;
}

}  // namespace pptpkit::endpoint
