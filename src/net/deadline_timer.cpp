#include "net/deadline_timer.h"

#include <utility>

#include "net/clock.h"

namespace pptpkit::net {

DeadlineTimer::DeadlineTimer(asio::io_context& io, std::function<void(Timestamp now)> on_expiry)
    : timer_(io), on_expiry_(std::move(on_expiry)) {}

void DeadlineTimer::arm(std::optional<Timestamp> deadline) {
  if (deadline == armed_) return;
  armed_ = deadline;
  if (!deadline) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(to_time_point(*deadline));  // cancels the previous wait
  timer_.async_wait([this](const std::error_code& error) {
    if (error == asio::error::operation_aborted) return;
    armed_.reset();
    on_expiry_(now());
  });
}

}  // namespace pptpkit::net
