// Whether, and when, the VPN client tries again after an attempt ended
// (--reconnect): exponential back-off with jitter, reset by a session that
// stayed up. Pure: times are passed in and randomness is injected, so the
// schedule is unit-tested on a virtual clock; vpn_client.cpp waits.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "base/random.h"
#include "base/time.h"

namespace pptpkit::client {

struct ReconnectSettings {
  bool enabled = false;                            // --reconnect
  Duration first_delay = std::chrono::seconds(1);  // --reconnect-delay
  Duration max_delay = std::chrono::seconds(60);   // --reconnect-max-delay
  unsigned max_attempts = 0;                       // --reconnect-attempts; 0: forever
};

// A session up at least this long was a success: the next loss starts the
// back-off and the attempt count afresh.
inline constexpr Duration kStableSession = std::chrono::seconds(60);

// How one attempt (connect, tunnel, call, PPP, session) ended.
enum class AttemptEnd : std::uint8_t {
  kSignal,      // SIGINT/SIGTERM/SIGHUP: the user asked to stop
  kAuthFailed,  // the server refused the credentials: the same ones will not do better
  kLocalError,  // our own set-up failed (a route exists already, no raw socket): neither will a retry
  kFailed,      // no session came up: TCP refused, tunnel or call refused, negotiation failed
  kLost,        // the session was up and went down (server gone, keep-alive, hang-up)
};

struct Retry {
  Duration wait{};
  unsigned attempt = 0;  // 1 for the first retry after a success
};
struct GiveUp {
  std::string_view reason;
};
using ReconnectDecision = std::variant<Retry, GiveUp>;

class ReconnectSchedule {
 public:
  // `random` must outlive the schedule.
  ReconnectSchedule(ReconnectSettings settings, RandomSource& random)
      : settings_(settings), random_(random) {}

  // The attempt's session came up at `now`.
  void session_up(Timestamp now) { up_since_ = now; }
  // The attempt ended at `now`. A retry waits the back-off of its rank,
  // first_delay doubled per consecutive failure up to max_delay, less a
  // random 0-25% (so clients cut off together do not return together, and
  // the waits still grow); a session up for kStableSession resets the rank.
  ReconnectDecision next(Timestamp now, AttemptEnd end);

 private:
  ReconnectSettings settings_;
  RandomSource& random_;
  std::optional<Timestamp> up_since_;
  unsigned failures_ = 0;  // consecutive attempts without a stable session
};

}  // namespace pptpkit::client
