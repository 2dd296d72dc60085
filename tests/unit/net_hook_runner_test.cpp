// net::HookRunner with real processes (small shell scripts in a temporary
// directory): a session's ip-down waits for its ip-up, a hook that hangs is
// killed (with what it started) at the timeout, the running limit queues
// the rest, and every end is counted. Each test waits for the runner to go
// idle, with a deadline.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "net/hook_runner.h"

namespace pptpkit::net {
namespace {

using namespace std::chrono_literals;

class HookRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // An executable /bin/sh script with `body`; $LOG is the shared log file.
  std::string script(const std::string& name, const std::string& body) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << "#!/bin/sh\nLOG=" << log_path() << "\n" << body << "\n";
    chmod(path.c_str(), 0755);
    return path;
  }
  std::string log_path() const { return (dir_ / "log").string(); }
  std::string log() const {
    std::ifstream file(log_path());
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }

  static endpoint::SessionUp up(const std::string& session) {
    endpoint::SessionUp e;
    e.session = session;
    return e;
  }
  static endpoint::SessionDown down(const std::string& session, bool was_up = true) {
    endpoint::SessionDown e;
    e.session = session;
    e.was_up = was_up;
    return e;
  }

  // Runs the loop until the runner is idle; false after `limit`.
  bool run_until_idle(HookRunner& hooks, Duration limit = 10s) {
    bool idle = false;
    hooks.on_idle([&] {
      idle = true;
      io.stop();
    });
    asio::steady_timer deadline(io, limit);
    deadline.async_wait([&](const std::error_code& error) {
      if (!error) io.stop();
    });
    io.run();
    io.restart();
    return idle;
  }

  asio::io_context io;
  std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("pptpkit-hooks-test-" + std::to_string(getpid()));
};

TEST_F(HookRunnerTest, IpDownStartsOnlyAfterIpUpHasFinished) {
  HookSettings settings;
  settings.ip_up =
      script("up", "echo \"up $PPTPKIT_SESSION start\" >> $LOG; sleep 0.3; echo \"up end\" >> $LOG");
  settings.ip_down = script("down", "echo \"down $PPTPKIT_SESSION $1\" >> $LOG");
  HookRunner hooks(io, settings);
  hooks.session_up(up("s1"), "pptp0");
  hooks.session_down(down("s1"), "pptp0");
  ASSERT_TRUE(run_until_idle(hooks));
  EXPECT_EQ(log(), "up s1 start\nup end\ndown s1 pptp0\n");
  EXPECT_EQ(hooks.stats().succeeded, 2u);
  EXPECT_EQ(hooks.stats().queued, 1u);  // the ip-down waited
}

TEST_F(HookRunnerTest, NoIpDownForASessionThatNeverCameUp) {
  HookSettings settings;
  settings.ip_down = script("down", "echo down >> $LOG");
  HookRunner hooks(io, settings);
  hooks.session_down(down("s1", false), "pptp0");
  EXPECT_TRUE(hooks.idle());
  EXPECT_EQ(hooks.stats().started, 0u);
}

TEST_F(HookRunnerTest, AHangingHookAndWhatItStartedAreKilledAtTheTimeout) {
  HookSettings settings;
  // The child sleep would outlive a kill of the shell alone and keep the log open.
  settings.ip_up = script("up", "sleep 60 & echo $! > $LOG.child; wait");
  settings.timeout = 300ms;
  HookRunner hooks(io, settings);
  const auto started = std::chrono::steady_clock::now();
  hooks.session_up(up("s1"), "pptp0");
  ASSERT_TRUE(run_until_idle(hooks));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(hooks.stats().timed_out, 1u);
  EXPECT_EQ(hooks.stats().failed, 1u);
  std::ifstream child_file(log_path() + ".child");
  pid_t child = 0;
  ASSERT_TRUE(child_file >> child);
  // The whole group got SIGKILL: the sleep is gone (or a zombie of init's for a moment).
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
    std::string text;
    std::getline(stat, text);
    gone = !stat || text.find(") Z ") != std::string::npos;
    if (!gone) usleep(20000);
  }
  EXPECT_TRUE(gone);
}

TEST_F(HookRunnerTest, TheRunningLimitQueuesTheRestInOrder) {
  // b outlasts the others, so the slot a frees goes to the oldest waiting
  // hook (c), and d gets c's. Every step but the first two starts follows
  // from an exit (or 0.3 s or more apart), so the order is not a race.
  HookSettings settings;
  settings.ip_up = script("up",
                          "echo \"start $PPTPKIT_SESSION\" >> $LOG\n"
                          "case $PPTPKIT_SESSION in a|c) sleep 0.3;; b) sleep 1.5;; esac\n"
                          "echo \"end $PPTPKIT_SESSION\" >> $LOG");
  settings.max_running = 2;
  HookRunner hooks(io, settings);
  for (const char* session : {"a", "b", "c", "d"}) hooks.session_up(up(session), "pptp0");
  ASSERT_TRUE(run_until_idle(hooks));
  EXPECT_EQ(hooks.stats().started, 4u);
  EXPECT_EQ(hooks.stats().succeeded, 4u);
  EXPECT_EQ(hooks.stats().queued, 2u);
  std::vector<std::string> lines;
  std::istringstream text(log());
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 8u) << log();
  EXPECT_EQ((std::set<std::string>{lines[0], lines[1]}), (std::set<std::string>{"start a", "start b"}));
  EXPECT_EQ(std::vector<std::string>(lines.begin() + 2, lines.end()),
            (std::vector<std::string>{"end a", "start c", "end c", "start d", "end d", "end b"}))
      << log();
}

TEST_F(HookRunnerTest, FailuresAreCounted) {
  HookSettings settings;
  settings.ip_up = script("up", "exit 3");
  settings.ip_down = (dir_ / "missing").string();
  HookRunner hooks(io, settings);
  hooks.session_up(up("s1"), "pptp0");
  hooks.session_down(down("s1"), "pptp0");
  ASSERT_TRUE(run_until_idle(hooks));
  EXPECT_EQ(hooks.stats().started, 2u);
  EXPECT_EQ(hooks.stats().failed, 2u);
  EXPECT_EQ(hooks.stats().succeeded, 0u);
}

}  // namespace
}  // namespace pptpkit::net
