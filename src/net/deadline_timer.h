// The one OS timer a thread's protocol cores share (DESIGN.md: the runtime
// keeps one timer per thread and knows nothing else). The owner re-arms it
// with the minimum of its cores' next_deadline() after every event; on
// expiry it calls back with the current time, for on_timeout(now).
#pragma once

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <optional>

#include "base/time.h"

namespace pptpkit::net {

class DeadlineTimer {
 public:
  DeadlineTimer(asio::io_context& io, std::function<void(Timestamp now)> on_expiry);

  // Fires at `deadline` (a net::now() Timestamp; at once if past), or never
  // when empty. Re-arming to the same deadline is free.
  void arm(std::optional<Timestamp> deadline);

 private:
  asio::steady_timer timer_;
  std::function<void(Timestamp)> on_expiry_;
  std::optional<Timestamp> armed_;
};

}  // namespace pptpkit::net
