// How many sessions the server carries at once, in all and per user. The
// total is checked when a call is requested (before anything is spent on
// it); the per-user count only once authentication named the user.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pptpkit::endpoint {

struct SessionLimits {
  std::size_t max_sessions = 1024;
  std::size_t max_sessions_per_user = 0;  // 0: no limit (pptpd has none)
};

class SessionCounter {
 public:
  explicit SessionCounter(const SessionLimits& limits) : limits_(limits) {}
  // New limits (a reload): sessions already counted stay, even above them.
  void set_limits(const SessionLimits& limits) { limits_ = limits; }

  // Whether one more session may be set up now.
  bool admits_session(std::size_t sessions) const { return sessions < limits_.max_sessions; }
  // Counts a session of `user` if the per-user limit allows it.
  bool enter(std::string_view user);
  // Ends a session enter() counted.
  void leave(std::string_view user);
  std::size_t sessions_of(std::string_view user) const;

 private:
  SessionLimits limits_;
  std::unordered_map<std::string, std::size_t> per_user_;
};

}  // namespace pptpkit::endpoint
