#include "pptp/keepalive.h"

namespace pptpkit::pptp {

void Keepalive::on_message(Timestamp now) {
  last_heard_ = now;
  outstanding_ = false;
}

std::optional<std::uint32_t> Keepalive::echo_due(Timestamp now) {
  if (outstanding_ || now < last_heard_ + interval_) return std::nullopt;
  outstanding_ = true;
  echo_sent_ = now;
  return next_identifier_++;
}

}  // namespace pptpkit::pptp
