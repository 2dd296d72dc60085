#include "client/reconnect.h"

#include <algorithm>

namespace pptpkit::client {

ReconnectDecision ReconnectSchedule::next(Timestamp now, AttemptEnd end) {
  const bool stable = up_since_ && now - *up_since_ >= kStableSession;
  up_since_.reset();
  switch (end) {
    case AttemptEnd::kSignal:
      return GiveUp{"stopped by a signal"};
    case AttemptEnd::kAuthFailed:
      return GiveUp{"authentication failed: the same credentials would fail again"};
    case AttemptEnd::kLocalError:
      return GiveUp{"the local set-up failed"};
    case AttemptEnd::kFailed:
    case AttemptEnd::kLost:
      break;
  }
  if (!settings_.enabled) return GiveUp{"--reconnect is off"};
  failures_ = stable ? 1 : failures_ + 1;
  if (settings_.max_attempts != 0 && failures_ > settings_.max_attempts) {
    return GiveUp{"--reconnect-attempts used up"};
  }
  // Doubling stops at max_delay, before the shift could overflow.
  Duration nominal = settings_.first_delay;
  for (unsigned i = 1; i < failures_ && nominal < settings_.max_delay; ++i) nominal *= 2;
  nominal = std::min(nominal, settings_.max_delay);
  const auto quarter = nominal.count() / 4;
  const auto jitter = static_cast<Duration::rep>(static_cast<double>(random_.next_u32()) / 4294967296.0 *
                                                 static_cast<double>(quarter));
  return Retry{nominal - Duration(jitter), failures_};
}

}  // namespace pptpkit::client
