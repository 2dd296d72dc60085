#include "ppp/auth_session.h"

namespace pptpkit::ppp {

std::optional<std::vector<std::uint8_t>> AuthSession::poll_packet() {
  if (outbox_.empty()) return std::nullopt;
  std::vector<std::uint8_t> packet = std::move(outbox_.front());
  outbox_.pop_front();
  return packet;
}

void AuthSession::start_timer(Timestamp now) {
  tries_ = 1;
  deadline_ = now + timing_.restart;
}

bool AuthSession::next_try(Timestamp now) {
  if (tries_ >= timing_.max_tries) {
    deadline_.reset();
    return false;
  }
  ++tries_;
  deadline_ = now + timing_.restart;
  return true;
}

void AuthSession::succeed() {
  state_ = AuthState::kSucceeded;
  outcome_.failure = AuthFailure::kNone;
  deadline_.reset();
}

void AuthSession::fail(AuthFailure why) {
  state_ = AuthState::kFailed;
  outcome_.failure = why;
  deadline_.reset();
}

}  // namespace pptpkit::ppp
