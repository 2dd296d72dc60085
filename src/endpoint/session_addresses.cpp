#include "endpoint/session_addresses.h"

namespace pptpkit::endpoint {

SessionAddresses::~SessionAddresses() {
  if (assignment_) pool_.release(assignment_->peer);
  if (counted_) counter_.leave(user_);
}

Result<ppp::Ipv4Assignment, ppp::CloseReason> SessionAddresses::assign(std::string_view user,
                                                                       const ppp::AllowedAddresses& allowed) {
  if (assignment_) return *assignment_;
  if (!counted_) {
    if (!counter_.enter(user)) {
      refusal_ = "too many sessions for this user";
      return Unexpected{ppp::CloseReason::kTooManySessions};
    }
    counted_ = true;
    user_ = std::string(user);
  }
  auto result = pool_.allocate(allowed);
  if (!result) {
    refusal_ = std::string(to_string(result.error()));
    return Unexpected{ppp::CloseReason::kNoAddress};
  }
  refusal_.clear();
  assignment_ = *result;
  return *assignment_;
}

std::optional<std::uint32_t> SessionAddresses::peer_address() const {
  if (!assignment_) return std::nullopt;
  return assignment_->peer;
}

}  // namespace pptpkit::endpoint
