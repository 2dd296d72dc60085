#include "ppp/keepalive.h"

namespace pptpkit::ppp {

void Keepalive::start(Timestamp now) {
  unanswered_ = 0;
  if (config_.interval > Timestamp::zero()) {
    deadline_ = now + config_.interval;
  } else {
    deadline_.reset();
  }
}

Keepalive::Action Keepalive::on_timeout(Timestamp now) {
  if (!deadline_ || now < *deadline_) return Action::kNone;
  if (unanswered_ >= config_.max_failures) {
    deadline_.reset();
    return Action::kGiveUp;
  }
  ++unanswered_;
  deadline_ = now + config_.interval;
  return Action::kSendEcho;
}

}  // namespace pptpkit::ppp
