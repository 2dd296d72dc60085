#include "client/stop_signals.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

namespace pptpkit::client {

namespace {

sigset_t stop_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);  // a closed terminal: hang up as pppd does
  return set;
}

}  // namespace

StopSignals::StopSignals() {
  const sigset_t set = stop_set();
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

StopSignals::~StopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

StopSignals::Delivered::Delivered() {
  const sigset_t set = stop_set();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

StopSignals::Delivered::~Delivered() {
  const sigset_t set = stop_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalStop::SignalStop(asio::io_context& io) : signals_(io, SIGINT, SIGTERM, SIGHUP) {
  signals_.async_wait([this, &io](const std::error_code& error, int number) {
    if (error) return;
    spdlog::info("signal {}: stopping", number);
    signalled_ = true;
    io.stop();
  });
}

}  // namespace pptpkit::client
