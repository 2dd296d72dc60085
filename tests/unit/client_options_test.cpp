// The VPN client's route and reconnect flags, on the command line and as
// keys of the configuration file's [client] table.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "cli/toml_config.h"
#include "client/vpn_options.h"
#include "net/control_runtime.h"

namespace pptpkit::client {
namespace {

using namespace std::chrono_literals;

struct ClientApp {
  CLI::App app{"test"};
  RouteSettings routes;
  ReconnectSettings reconnect;
  Duration connect_timeout = net::RuntimeSettings{}.connect_timeout;

  ClientApp() {
    cli::add_config_option(app);
    app.require_subcommand(1);
    auto* client = app.add_subcommand("client");
    client->fallthrough();
    add_route_options(*client, routes);
    add_reconnect_options(*client, reconnect);
    add_connect_timeout_option(*client, connect_timeout);
  }
};

TEST(ClientOptions, DefaultsAreNoRoutesAndNoReconnect) {
  ClientApp t;
  t.app.parse("client");
  EXPECT_TRUE(t.routes.routes.empty());
  EXPECT_FALSE(t.routes.default_route);
  EXPECT_FALSE(t.reconnect.enabled);
  EXPECT_EQ(t.reconnect.first_delay, 1s);
  EXPECT_EQ(t.reconnect.max_delay, 60s);
  EXPECT_EQ(t.reconnect.max_attempts, 0U);
  EXPECT_EQ(t.connect_timeout, 10s);
}

TEST(ClientOptions, FlagsRepeatAndParse) {
  ClientApp t;
  t.app.parse(
      "client --route 198.51.100.0/24 --route 203.0.113.128/25 --default-route --reconnect "
      "--reconnect-delay 500ms --reconnect-max-delay 5s --reconnect-attempts 3 --connect-timeout 1500ms");
  EXPECT_EQ(t.routes.routes, (std::vector<Ipv4Prefix>{{0xC6336400, 24}, {0xCB007180, 25}}));
  EXPECT_TRUE(t.routes.default_route);
  EXPECT_TRUE(t.reconnect.enabled);
  EXPECT_EQ(t.reconnect.first_delay, 500ms);
  EXPECT_EQ(t.reconnect.max_delay, 5s);
  EXPECT_EQ(t.reconnect.max_attempts, 3U);
  EXPECT_EQ(t.connect_timeout, 1500ms);
}

TEST(ClientOptions, AZeroConnectTimeoutIsRefused) {
  ClientApp t;
  EXPECT_THROW(t.app.parse("client --connect-timeout 0s"), CLI::ValidationError);
}

TEST(ClientOptions, ABadPrefixIsAnErrorNamingIt) {
  ClientApp t;
  try {
    t.app.parse("client --route 198.51.100.7/24");
    FAIL() << "parsed";
  } catch (const CLI::ValidationError& error) {
    EXPECT_NE(std::string(error.what()).find("198.51.100.0/24"), std::string::npos) << error.what();
  }
}

TEST(ClientOptions, EveryFlagIsAKeyOfTheClientTable) {
  const auto path =
      std::filesystem::temp_directory_path() / ("pptpkit-client-test-" + std::to_string(getpid()) + ".toml");
  std::ofstream(path) << "[client]\nroute = [\"198.51.100.0/24\"]\ndefault-route = true\nreconnect = true\n"
                         "reconnect-delay = \"2s\"\nreconnect-max-delay = \"30s\"\nreconnect-attempts = 7\n"
                         "connect-timeout = \"3s\"\n";
  ClientApp t;
  t.app.parse("client -c " + path.string());
  std::filesystem::remove(path);
  EXPECT_EQ(t.routes.routes, (std::vector<Ipv4Prefix>{{0xC6336400, 24}}));
  EXPECT_TRUE(t.routes.default_route);
  EXPECT_TRUE(t.reconnect.enabled);
  EXPECT_EQ(t.reconnect.first_delay, 2s);
  EXPECT_EQ(t.reconnect.max_delay, 30s);
  EXPECT_EQ(t.reconnect.max_attempts, 7U);
  EXPECT_EQ(t.connect_timeout, 3s);
}

}  // namespace
}  // namespace pptpkit::client
