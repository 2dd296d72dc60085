// The shared flags and the TOML configuration behind them: durations,
// endpoints, sections per command, flags overriding the file, errors.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "cli/data_path.h"
#include "cli/duration_text.h"
#include "cli/options.h"
#include "cli/toml_config.h"
#include "endpoint/config.h"

namespace pptpkit::cli {
namespace {

using namespace std::chrono_literals;

TEST(DurationText, AcceptsUnitsAndBareSeconds) {
  EXPECT_EQ(*parse_duration("500ms"), 500ms);
  EXPECT_EQ(*parse_duration("2s"), 2s);
  EXPECT_EQ(*parse_duration("90"), 90s);
  EXPECT_EQ(*parse_duration("5m"), 5min);
  EXPECT_EQ(*parse_duration("1h"), 1h);
}

TEST(DurationText, RefusesZeroNegativeAndUnknownUnits) {
  for (const char* bad : {"", "0s", "-1s", "2d", "s", "1.5s", "2 s"})
    EXPECT_FALSE(parse_duration(bad)) << bad;
}

TEST(DurationText, ZeroOnlyWhereItTurnsATimerOff) {
  EXPECT_EQ(*parse_duration("0", true), 0s);
  EXPECT_EQ(*parse_duration("0s", true), 0s);
  EXPECT_FALSE(parse_duration("-1s", true));
}

TEST(DurationText, PrintsTheLargestExactUnit) {
  for (const char* text : {"0s", "90s", "5m", "2h", "1500ms"}) {
    EXPECT_EQ(duration_text(*parse_duration(text, true)), text);
  }
  EXPECT_EQ(duration_text(120s), "2m");
}

// A `pptpkit`-like app with one `server` command and the config option.
struct TestApp {
  CLI::App app{"test"};
  CLI::App* server = nullptr;
  std::vector<asio::ip::tcp::endpoint> listen;
  std::size_t max_connections = 1024;
  Duration echo = 60s;

  TestApp() {
    add_config_option(app);
    app.require_subcommand(1);
    server = app.add_subcommand("server");
    server->fallthrough();
    add_endpoints_option(*server, "--listen", listen, "");
    server->add_option("--max-connections", max_connections);
    add_duration_option(*server, "--echo-interval", echo, "");
  }
};

class ConfigFile : public ::testing::Test {
 protected:
  void write(const std::string& text) { std::ofstream(path_) << text; }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_ =
      (std::filesystem::temp_directory_path() / ("pptpkit-config-test-" + std::to_string(getpid()) + ".toml"))
          .string();
};

TEST_F(ConfigFile, KeysOfTheCommandsTableSetItsFlags) {
  write(
      "[server]\nlisten = [\"192.0.2.1\", \"[2001:db8::1]:8000\"]\nmax-connections = 7\n"
      "echo-interval = \"2s\"\n");
  TestApp t;
  t.app.parse("server -c " + path_);
  ASSERT_EQ(t.listen.size(), 2U);
  EXPECT_EQ(net::to_string(t.listen[0]), "192.0.2.1:1723");
  EXPECT_EQ(net::to_string(t.listen[1]), "[2001:db8::1]:8000");
  EXPECT_EQ(t.max_connections, 7U);
  EXPECT_EQ(t.echo, 2s);
}

TEST_F(ConfigFile, FlagsOverrideTheFile) {
  write("[server]\nlisten = [\"192.0.2.1\"]\nmax-connections = 7\necho-interval = \"2s\"\n");
  TestApp t;
  t.app.parse("server --listen 192.0.2.9:99 --echo-interval 5s -c " + path_);
  ASSERT_EQ(t.listen.size(), 1U);
  EXPECT_EQ(net::to_string(t.listen[0]), "192.0.2.9:99");
  EXPECT_EQ(t.max_connections, 7U);
  EXPECT_EQ(t.echo, 5s);
}

TEST_F(ConfigFile, UnknownKeysAndBadValuesAreErrors) {
  write("[server]\nmax-conections = 7\n");
  TestApp misspelt;
  EXPECT_THROW(misspelt.app.parse("server -c " + path_), CLI::ConfigError);
  write("[server]\necho-interval = \"soon\"\n");
  TestApp bad;
  EXPECT_THROW(bad.app.parse("server -c " + path_), CLI::ValidationError);
}

TEST_F(ConfigFile, DataPathKeysSetTheirSettings) {
  write("[server]\nmss-clamp = false\nmru = 1300\nlcp-echo-interval = \"0\"\nlcp-echo-failure = 7\n");
  CLI::App app{"test"};
  add_config_option(app);
  CLI::App* server = app.add_subcommand("server");
  server->fallthrough();
  DataPathSettings settings;
  add_data_path_options(*server, settings);
  app.parse("server -c " + path_);
  EXPECT_FALSE(settings.mss_clamp);
  EXPECT_EQ(settings.mru, 1300);
  EXPECT_EQ(settings.keepalive.interval, 0s);
  EXPECT_EQ(settings.keepalive.max_failures, 7);
  endpoint::ServerConfig config;
  apply(settings, config);
  EXPECT_FALSE(config.mss_clamp);
  EXPECT_EQ(config.link.lcp.mru, 1300);
  EXPECT_EQ(config.link.keepalive.max_failures, 7);

  DataPathSettings defaults;
  EXPECT_TRUE(defaults.mss_clamp);
  EXPECT_EQ(defaults.mru, 1400);
  EXPECT_EQ(defaults.keepalive.interval, 30s);
  EXPECT_EQ(defaults.keepalive.max_failures, 4);
  write("[server]\nmru = 500\n");  // below the 576 octets every IPv4 host accepts
  CLI::App small{"test"};
  add_config_option(small);
  add_data_path_options(*small.add_subcommand("server")->fallthrough(), defaults);
  EXPECT_THROW(small.parse("server -c " + path_), CLI::ValidationError);
}

TEST_F(ConfigFile, SyntaxErrorsNameTheLine) {
  write("[server]\nlisten = [\n");
  TestApp t;
  try {
    t.app.parse("server -c " + path_);
    FAIL() << "parsed";
  } catch (const CLI::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("line "), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace pptpkit::cli
