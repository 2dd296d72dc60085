// SIGINT, SIGTERM and SIGHUP (a closed terminal) for the VPN client, which runs one event loop after
// another (an attempt, the wait before the next). Asio puts the default
// action back whenever no signal_set listens, and that default would kill
// the client between two loops with its routes still in place; so the
// signals are blocked (the kernel holds them pending) except while a loop
// that listens runs, and a signal held in between arrives there.
#pragma once

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <csignal>

namespace pptpkit::client {

class StopSignals {
 public:
  StopSignals();   // blocks SIGINT, SIGTERM and SIGHUP
  ~StopSignals();  // restores the mask found
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Unblocks them for its lifetime: while a loop with a listener runs.
  class Delivered {
   public:
    Delivered();
    ~Delivered();
    Delivered(const Delivered&) = delete;
    Delivered& operator=(const Delivered&) = delete;
  };

 private:
  sigset_t previous_{};
};

// Listens on `io` for SIGINT, SIGTERM and SIGHUP; the first stops the loop.
class SignalStop {
 public:
  explicit SignalStop(asio::io_context& io);
  bool signalled() const { return signalled_; }

 private:
  asio::signal_set signals_;
  bool signalled_ = false;
};

}  // namespace pptpkit::client
