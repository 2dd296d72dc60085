#include "pacer.h"

#include <algorithm>
#include <asio/post.hpp>
#include <chrono>

#include "net/clock.h"

namespace pptpkit::e2e {

Pacer::Pacer(asio::io_context& io, net::GreIo& gre_io, PayloadSource& source, const PacerConfig& config)
    : io_(io), gre_io_(gre_io), source_(source), config_(config), tick_(io), sent_(config.calls, 0) {}

void Pacer::start(Timestamp now) {
  started_ = now;
  step();
}

void Pacer::on_send_ready() {
  if (!blocked_) return;
  blocked_ = false;
  step();
}

std::uint64_t Pacer::due(Duration elapsed) const {
  if (config_.rate <= 0) return config_.count;
  const double seconds = std::chrono::duration<double>(elapsed).count();
  return std::min(config_.count, static_cast<std::uint64_t>(seconds * config_.rate) + 1);
}

void Pacer::step() {
  if (done_) return;
  const Timestamp now = net::now();
  const Duration elapsed = now - started_;
  if (elapsed >= config_.send_for) {
    done_ = true;
    gre_io_.flush();
    source_.on_sending_done();
    return;
  }
  const std::uint64_t target = due(elapsed);
  std::size_t in_batch = 0;
  bool progress = true;
  // One batch per turn at full speed; paced calls are few packets per tick.
  while (progress && gre_io_.can_queue() && in_batch < 64) {
    progress = false;
    for (std::size_t call = 0; call < sent_.size() && gre_io_.can_queue(); ++call) {
      if (sent_[call] >= target) continue;
      source_.send(now, call, static_cast<std::uint32_t>(sent_[call]++));
      ++in_batch;
      progress = true;
    }
  }
  gre_io_.flush();
  if (std::all_of(sent_.begin(), sent_.end(), [&](std::uint64_t n) { return n >= config_.count; })) {
    done_ = true;
    source_.on_sending_done();
  } else if (!gre_io_.can_queue()) {
    blocked_ = true;
  } else if (config_.rate <= 0) {
    asio::post(io_, [this] { step(); });
  } else {
    tick_.expires_after(std::chrono::milliseconds(1));
    tick_.async_wait([this](const std::error_code& error) {
      if (!error) step();
    });
  }
}

}  // namespace pptpkit::e2e
