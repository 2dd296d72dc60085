#include "net/hook_runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include "base/result.h"
#include "net/clock.h"
#include "net/logging.h"

namespace pptpkit::net {

namespace {

using endpoint::LogField;
using endpoint::LogLevel;
using endpoint::LogLine;
using endpoint::number_field;
using endpoint::text_field;

LogField seconds_field(std::string key, Duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return {std::move(key), fmt::format("{}.{:03}", ms / 1000, ms % 1000), true};
}

endpoint::LogFields hook_fields(const std::string& name, const std::string& session,
                                const std::string& program) {
  return {text_field("name", name), text_field("session", session), text_field("command", program)};
}

// posix_spawn's two attribute objects, destroyed on every path.
struct SpawnActions {
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
  posix_spawn_file_actions_t actions;
};
struct SpawnAttributes {
  SpawnAttributes() { posix_spawnattr_init(&attributes); }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attributes); }
  posix_spawnattr_t attributes;
};

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// The hook as a process group of its own (so a timeout kills what it
// started too), with default signal dispositions, an empty signal mask,
// /dev/null for 0, 1 and 2 and no other inherited descriptor.
Result<pid_t, std::string> spawn(const std::string& program, HookCall& call) {
  SpawnActions a;
  posix_spawn_file_actions_addopen(&a.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&a.actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&a.actions, 1, 2);
  posix_spawn_file_actions_addclosefrom_np(&a.actions, 3);
  SpawnAttributes s;
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE}) sigaddset(&defaults, signal);
  posix_spawnattr_setsigmask(&s.attributes, &none);
  posix_spawnattr_setsigdefault(&s.attributes, &defaults);
  posix_spawnattr_setpgroup(&s.attributes, 0);
  posix_spawnattr_setflags(&s.attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> arguments{program};
  arguments.insert(arguments.end(), call.arguments.begin(), call.arguments.end());
  const auto argv = c_strings(arguments);
  const auto envp = c_strings(call.environment);
  pid_t pid = 0;
  if (const int error =
          posix_spawn(&pid, program.c_str(), &a.actions, &s.attributes, argv.data(), envp.data());
      error != 0) {
    return Unexpected{std::string(std::strerror(error))};
  }
  return pid;
}

}  // namespace

struct HookRunner::Running {
  Running(asio::io_context& io, Queued hook, pid_t process, int pidfd)
      : program(std::move(hook.program)),
        call(std::move(hook.call)),
        pid(process),
        exit(io, pidfd),
        timer(io),
        started(now()) {}

  std::string program;
  HookCall call;
  pid_t pid;
  asio::posix::stream_descriptor exit;  // the pidfd: readable once the process has exited
  asio::steady_timer timer;
  Timestamp started;
  bool timed_out = false;
};

HookRunner::HookRunner(asio::io_context& io, HookSettings settings)
    : io_(io), settings_(std::move(settings)) {}

HookRunner::~HookRunner() {
  if (idle()) return;
  log_line(LogLine{LogLevel::kWarning,
                   "hooks abandoned",
                   {number_field("running", running_.size()), number_field("queued", queue_.size())}});
}

void HookRunner::configure(HookSettings settings) { settings_ = std::move(settings); }

void HookRunner::session_up(const endpoint::SessionUp& up, std::string_view interface) {
  if (!settings_.ip_up.empty()) enqueue(settings_.ip_up, ip_up_call(up, interface));
}

void HookRunner::session_down(const endpoint::SessionDown& down, std::string_view interface) {
  if (down.was_up && !settings_.ip_down.empty()) enqueue(settings_.ip_down, ip_down_call(down, interface));
}

void HookRunner::enqueue(const std::string& program, HookCall call) {
  if (queue_.size() >= kMaxQueued) {
    ++stats_.dropped;
    auto fields = hook_fields(call.name, call.session, program);
    fields.push_back(number_field("dropped_total", stats_.dropped));
    log_line(LogLine{LogLevel::kError, "hook dropped", std::move(fields)});
    return;
  }
  // start_ready() runs after every change, so whatever waits in the queue
  // waits for a slot or for its session's running hook: so will this one.
  if (running_.size() >= settings_.max_running || session_busy(call.session)) {
    ++stats_.queued;
    auto fields = hook_fields(call.name, call.session, program);
    fields.insert(fields.end(),
                  {number_field("running", running_.size()), number_field("waiting", queue_.size() + 1),
                   number_field("queued_total", stats_.queued)});
    log_line(LogLine{LogLevel::kInfo, "hook queued", std::move(fields)});
  }
  queue_.push_back(Queued{program, std::move(call)});
  start_ready();
}

bool HookRunner::session_busy(const std::string& session) const {
  for (const auto& [pid, hook] : running_) {
    if (hook->call.session == session) return true;
  }
  return false;
}

void HookRunner::start_ready() {
  for (auto it = queue_.begin(); it != queue_.end() && running_.size() < settings_.max_running;) {
    if (session_busy(it->call.session)) {
      ++it;
      continue;
    }
    Queued hook = std::move(*it);
    it = queue_.erase(it);
    start(std::move(hook));
  }
}

void HookRunner::start(Queued hook) {
  ++stats_.started;
  auto pid = spawn(hook.program, hook.call);
  if (!pid) {
    ++stats_.failed;
    auto fields = hook_fields(hook.call.name, hook.call.session, hook.program);
    fields.push_back(text_field("error", pid.error()));
    log_line(LogLine{LogLevel::kError, "hook not started", std::move(fields)});
    return;
  }
  // Glibc 2.36's <sys/pidfd.h> lacks extern "C": the system call itself.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, *pid, 0));
  if (pidfd < 0) {
    // Nothing would ever tell us of its end: stop it and reap it now.
    ++stats_.failed;
    auto fields = hook_fields(hook.call.name, hook.call.session, hook.program);
    fields.push_back(text_field("error", fmt::format("pidfd_open: {}", std::strerror(errno))));
    log_line(LogLine{LogLevel::kError, "hook not watched", std::move(fields)});
    kill(-*pid, SIGKILL);
    waitpid(*pid, nullptr, 0);
    return;
  }
  auto running = std::make_unique<Running>(io_, std::move(hook), *pid, pidfd);
  Running& r = *running;
  running_.emplace(*pid, std::move(running));
  watch(r);
}

void HookRunner::watch(Running& hook) {
  const int pid = hook.pid;
  hook.exit.async_wait(asio::posix::stream_descriptor::wait_read, [this, pid](const std::error_code& error) {
    if (error == asio::error::operation_aborted) return;
    on_exit(pid);
  });
  hook.timer.expires_after(settings_.timeout);
  hook.timer.async_wait([this, pid](const std::error_code& error) {
    if (error) return;
    const auto it = running_.find(pid);
    if (it == running_.end()) return;
    it->second->timed_out = true;
    kill(-pid, SIGKILL);  // the group: pid is unreaped, so its id is still ours
  });
}

void HookRunner::on_exit(int pid) {
  const auto it = running_.find(pid);
  if (it == running_.end()) return;
  Running& hook = *it->second;
  int status = 0;
  const pid_t reaped = waitpid(pid, &status, WNOHANG);
  if (reaped == 0) {  // not yet: wait for the pidfd again
    hook.exit.async_wait(asio::posix::stream_descriptor::wait_read,
                         [this, pid](const std::error_code& error) {
                           if (error == asio::error::operation_aborted) return;
                           on_exit(pid);
                         });
    return;
  }
  auto fields = hook_fields(hook.call.name, hook.call.session, hook.program);
  fields.push_back(seconds_field("duration", now() - hook.started));
  const bool success = reaped == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (reaped != pid) {
    fields.push_back(text_field("error", fmt::format("waitpid: {}", std::strerror(errno))));
  } else if (WIFEXITED(status)) {
    fields.push_back(number_field("status", static_cast<std::uint64_t>(WEXITSTATUS(status))));
  } else if (WIFSIGNALED(status)) {
    fields.push_back(number_field("signal", static_cast<std::uint64_t>(WTERMSIG(status))));
  }
  if (hook.timed_out) {
    ++stats_.timed_out;
    fields.push_back(seconds_field("timeout", settings_.timeout));
  }
  if (success) {
    ++stats_.succeeded;
  } else {
    ++stats_.failed;
  }
  log_line(LogLine{success ? LogLevel::kInfo : LogLevel::kWarning,
                   success          ? "hook done"
                   : hook.timed_out ? "hook timed out"
                                    : "hook failed",
                   std::move(fields)});
  running_.erase(it);
  start_ready();
  if (idle() && on_idle_) on_idle_();
}

}  // namespace pptpkit::net
