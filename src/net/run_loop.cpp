#include "net/run_loop.h"

#include <spdlog/spdlog.h>

#include <asio/signal_set.hpp>
#include <csignal>

#include "net/clock.h"

namespace pptpkit::net {

void run_until_stopped(asio::io_context& io, ControlRuntime& runtime, OnHangUp on_hang_up) {
  asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  std::function<void(const std::error_code&, int)> on_signal = [&](const std::error_code& error, int number) {
    if (error) return;
    signals.async_wait(on_signal);
    if (number == SIGHUP && on_hang_up == OnHangUp::kNothingToReload) {
      spdlog::info("SIGHUP: nothing to reload without --secrets");
      return;
    }
    if (runtime.stopping()) {
      spdlog::warn("signal {} while stopping: stopping now", number);
      io.stop();
      return;
    }
    spdlog::info("signal {}: stopping", number);
    runtime.stop(now(), [&] { io.stop(); });
  };
  signals.async_wait(on_signal);
  io.run();
}

}  // namespace pptpkit::net
