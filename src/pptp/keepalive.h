// The control connection keep-alive (RFC 2637 section 2.5): an Echo-Request
// after a period of silence, and the connection declared dead when nothing
// comes back in time. Any message from the peer proves it alive, not only the
// Echo-Reply: a busy peer may answer late but is still there.
#pragma once

#include <cstdint>
#include <optional>

#include "base/time.h"
#include "pptp/config.h"

namespace pptpkit::pptp {

class Keepalive {
 public:
  explicit Keepalive(const Timers& timers) : interval_(timers.echo_interval), timeout_(timers.echo_timeout) {}

  // The tunnel is up, or a message arrived: the silence starts again.
  void on_message(Timestamp now);

  // The Identifier for an Echo-Request when the silence has lasted
  // echo_interval and none is outstanding; the request is then outstanding.
  std::optional<std::uint32_t> echo_due(Timestamp now);

  // True when an Echo-Request has waited echo_timeout without an answer.
  bool lost(Timestamp now) const { return outstanding_ && now >= deadline(); }

  // When echo_due() or lost() next changes its answer.
  Timestamp deadline() const { return outstanding_ ? echo_sent_ + timeout_ : last_heard_ + interval_; }

 private:
  Duration interval_;
  Duration timeout_;
  Timestamp last_heard_{};
  Timestamp echo_sent_{};
  bool outstanding_ = false;
  std::uint32_t next_identifier_ = 1;
};

}  // namespace pptpkit::pptp
