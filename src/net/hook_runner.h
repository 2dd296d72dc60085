// Runs the ip-up and ip-down hooks (hook_environment.h) without ever
// blocking the event loop: posix_spawn, then a pidfd that Asio watches for
// the exit, and a timer that kills the hook's whole process group once
// `timeout` has passed. At most `max_running` hooks run at once; more wait
// in order in a bounded queue (counted), and a session's hooks never
// overlap: its ip-down starts only after its ip-up has finished. Each
// hook's end is logged (a warning with the command and the status when it
// failed). Hooks get /dev/null as stdin, stdout and stderr and no other
// descriptor of ours, as pppd's scripts. Needs Linux 5.3 (pidfd_open).
#pragma once

#include <asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/time.h"
#include "endpoint/events.h"
#include "net/hook_environment.h"

namespace pptpkit::net {

struct HookSettings {
  std::string ip_up;  // an executable, run with pppd's arguments; empty: none
  std::string ip_down;
  Duration timeout = std::chrono::seconds(30);
  std::size_t max_running = 8;
};

struct HookStats {
  std::uint64_t started = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;     // non-zero status, a signal, a timeout, or could not start
  std::uint64_t timed_out = 0;  // killed at the timeout (also in failed)
  std::uint64_t queued = 0;     // waited for a free slot or for the session's previous hook
  std::uint64_t dropped = 0;    // the queue was full
};

class HookRunner {
 public:
  // Hooks waiting beyond this are dropped (and logged): memory stays bounded
  // however fast sessions come and go.
  static constexpr std::size_t kMaxQueued = 4096;

  HookRunner(asio::io_context& io, HookSettings settings);
  // Hooks still running are left to finish on their own; queued ones never
  // start (a warning counts them).
  ~HookRunner();
  HookRunner(const HookRunner&) = delete;
  HookRunner& operator=(const HookRunner&) = delete;

  // Settings for the hooks of events from now on (a reload).
  void configure(HookSettings settings);
  // `interface`: the TUN device of the session.
  void session_up(const endpoint::SessionUp& up, std::string_view interface);
  // ip-down runs only for a session that was up.
  void session_down(const endpoint::SessionDown& down, std::string_view interface);

  bool idle() const { return running_.empty() && queue_.empty(); }
  // Called each time the last hook has finished (a runtime waits for the
  // ip-down hooks before it exits).
  void on_idle(std::function<void()> callback) { on_idle_ = std::move(callback); }
  const HookStats& stats() const { return stats_; }

 private:
  struct Queued {
    std::string program;
    HookCall call;
  };
  struct Running;

  void enqueue(const std::string& program, HookCall call);
  // Starts queued hooks, oldest first, while slots are free and their
  // session has no hook running.
  void start_ready();
  void start(Queued hook);
  void watch(Running& hook);
  void on_exit(int pid);
  bool session_busy(const std::string& session) const;

  asio::io_context& io_;
  HookSettings settings_;
  std::deque<Queued> queue_;
  std::unordered_map<int, std::unique_ptr<Running>> running_;  // by process id
  HookStats stats_;
  std::function<void()> on_idle_;
};

}  // namespace pptpkit::net
