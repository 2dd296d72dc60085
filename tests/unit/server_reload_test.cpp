// What SIGHUP reads: the server's command line parsed again (the -c file
// re-read, flags still overriding it), keys that need a restart kept, and a
// failed reload that changes nothing.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <memory>

#include "base/random.h"
#include "server/server_reload.h"
#include "sim/endpoint_fixture.h"

namespace pptpkit::server {
namespace {

using namespace std::chrono_literals;

class ServerReload : public ::testing::Test {
 protected:
  void write(const std::string& text) { std::ofstream(path_) << text; }
  void TearDown() override { std::filesystem::remove(path_); }
  std::vector<std::string> command_line(std::vector<std::string> flags) {
    std::vector<std::string> words{"pptpkit", "-c", path_, "server"};
    words.insert(words.end(), flags.begin(), flags.end());
    return words;
  }
  std::string path_ =
      (std::filesystem::temp_directory_path() / ("pptpkit-reload-test-" + std::to_string(getpid()) + ".toml"))
          .string();
};

TEST_F(ServerReload, TheFileIsReadAgainAndFlagsStillOverrideIt) {
  write("[server]\nmax-calls = 10\nhook-timeout = \"5s\"\npool = \"198.18.0.10-198.18.0.20\"\n");
  const auto words = command_line({"--max-calls", "7", "--secrets", "/etc/ppp/chap-secrets"});
  auto first = parse_server_command_line(words);
  ASSERT_TRUE(first) << first.error();
  EXPECT_EQ(first->calls.max_calls, 7u);
  EXPECT_EQ(first->hooks.timeout, 5s);
  EXPECT_EQ(first->secrets_file, "/etc/ppp/chap-secrets");

  write("[server]\nmax-calls = 10\nhook-timeout = \"9s\"\nlog-level = \"debug\"\n");
  auto second = parse_server_command_line(words);
  ASSERT_TRUE(second) << second.error();
  EXPECT_EQ(second->calls.max_calls, 7u);
  EXPECT_EQ(second->hooks.timeout, 9s);
  EXPECT_EQ(second->log.level, spdlog::level::debug);
  EXPECT_EQ(second->pool, ServerSettings{}.pool);  // the key is gone: its default
}

TEST_F(ServerReload, SyntaxErrorsBadValuesAndAMissingFileAreErrors) {
  write("[server\nmax-calls = 10\n");
  auto syntax = parse_server_command_line(command_line({}));
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().find("line 1"), std::string::npos) << syntax.error();
  write("[server]\nmax-calls = \"many\"\n");
  EXPECT_FALSE(parse_server_command_line(command_line({})));
  write("[server]\nip-up = \"/nonexistent/ip-up\"\n");
  EXPECT_FALSE(parse_server_command_line(command_line({})));
  std::filesystem::remove(path_);
  EXPECT_FALSE(parse_server_command_line(command_line({})));
}

TEST(KeepRestartKeys, ChangedRestartKeysAreNamedAndSetBack) {
  ServerSettings running;
  ServerSettings next;
  next.pool = "198.18.1.0/24";
  next.tun_name = "pptp9";
  next.local_ip = "198.18.1.1";
  next.listen = {{asio::ip::make_address("192.0.2.1"), 1723}};
  next.log.format = net::LogFormat::kJson;
  next.calls.max_calls = 5;  // changes at run time
  EXPECT_EQ(keep_restart_keys(running, next),
            (std::vector<std::string>{"listen", "tun-name", "local-ip", "pool", "log-format"}));
  EXPECT_EQ(next.pool, running.pool);
  EXPECT_EQ(next.tun_name, running.tun_name);
  EXPECT_EQ(next.local_ip, running.local_ip);
  EXPECT_TRUE(next.listen.empty());
  EXPECT_EQ(next.log.format, net::LogFormat::kText);
  EXPECT_EQ(next.calls.max_calls, 5u);
  EXPECT_TRUE(keep_restart_keys(running, next).empty());
}

TEST_F(ServerReload, AFailedReloadChangesNothingAndIsCounted) {
  write("[server]\nlog-level = \"warning\"\n");
  const auto words = command_line({"--secrets", "chap-secrets"});
  const auto started = parse_server_command_line(words);
  ASSERT_TRUE(started);
  SeededRandom random(1);
  const ppp::ChapSecrets secrets = sim::fixture_secrets();
  endpoint::Server server(sim::fixture_server_config(), random, secrets);
  asio::io_context io;
  net::HookRunner hooks(io, {});
  bool secrets_readable = true;
  ServerReloader reloader(
      words, *started, [](const ServerSettings&) { return sim::fixture_server_config(); },
      [&](const std::string& path) -> Result<ppp::ChapSecrets, std::string> {
        if (!secrets_readable) return Unexpected{"cannot read secrets file " + path};
        return sim::fixture_secrets();
      },
      server, hooks);
  const auto level = spdlog::get_level();

  write("[server]\nlog-level = \"error\"\n");
  secrets_readable = false;
  EXPECT_FALSE(reloader.reload());
  EXPECT_EQ(reloader.failures(), 1u);
  EXPECT_EQ(reloader.reloads(), 0u);
  EXPECT_EQ(spdlog::get_level(), level);

  write("[server]\nlog-level = \"error\"\nmax-calls = \"x\"\n");
  secrets_readable = true;
  EXPECT_FALSE(reloader.reload());
  EXPECT_EQ(reloader.failures(), 2u);
  EXPECT_EQ(spdlog::get_level(), level);
  EXPECT_EQ(reloader.running().log.level, spdlog::level::warn);  // what the server started with

  write("[server]\nlog-level = \"error\"\nmax-connections = 7\n");
  EXPECT_TRUE(reloader.reload());
  EXPECT_EQ(reloader.reloads(), 1u);
  EXPECT_EQ(spdlog::get_level(), spdlog::level::err);
  // What the owner applies beyond the server and the hooks (the admission limits).
  EXPECT_EQ(reloader.running().runtime.admission.max_connections, 7u);
  spdlog::set_level(level);
}

}  // namespace
}  // namespace pptpkit::server
