#include "endpoint/session_limits.h"

namespace pptpkit::endpoint {

bool SessionCounter::enter(std::string_view user) {
  std::size_t& count = per_user_[std::string(user)];
  if (limits_.max_sessions_per_user != 0 && count >= limits_.max_sessions_per_user) return false;
  ++count;
  return true;
}

void SessionCounter::leave(std::string_view user) {
  const auto it = per_user_.find(std::string(user));
  if (it == per_user_.end()) return;
  if (--it->second == 0) per_user_.erase(it);
}

std::size_t SessionCounter::sessions_of(std::string_view user) const {
  const auto it = per_user_.find(std::string(user));
  return it == per_user_.end() ? 0 : it->second;
}

}  // namespace pptpkit::endpoint
