// Server::reconfigure (what SIGHUP does): sessions set up afterwards see the
// new secrets, link settings (MRU too), limits and name servers; running
// ones keep theirs; the pool's addresses stay.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sim/endpoint_fixture.h"
#include "sim/endpoint_world.h"

namespace pptpkit::endpoint {
namespace {

using sim::all_of;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::shared_ptr<const ppp::ChapSecrets> secrets_of(const std::string& text) {
  auto parsed = ppp::parse_chap_secrets(text);
  if (!parsed) throw std::logic_error("test secrets do not parse");
  return std::make_shared<const ppp::ChapSecrets>(std::move(*parsed));
}

class Reconfigure : public ::testing::Test {
 protected:
  void make_world(ServerConfig config = sim::fixture_server_config()) {
    world = std::make_unique<sim::EndpointWorld>(1, sim::LinkProfile{.delay = milliseconds(1)},
                                                 milliseconds(1), std::move(config), secrets);
  }
  std::size_t connect(ClientConfig config) {
    const std::size_t index = world->add_client(std::move(config));
    world->connect(index);
    world->run_until(world->now() + seconds(5));
    return index;
  }
  // A packet each way through client c's session arrives.
  bool carries_traffic(std::size_t c, std::uint32_t tag) {
    const std::uint32_t address = world->record(c).addresses->local;
    const std::size_t to_server = world->server_tun_received().size();
    const std::size_t to_client = world->record(c).tun_received.size();
    world->client_send(c, sim::make_packet(address, sim::kInsideHost, tag, 1));
    world->server_send(sim::make_packet(sim::kInsideHost, address, tag, 2));
    world->run_until(world->now() + seconds(1));
    return world->server_tun_received().size() == to_server + 1 &&
           world->record(c).tun_received.size() == to_client + 1;
  }

  ppp::ChapSecrets secrets = sim::fixture_secrets();
  std::unique_ptr<sim::EndpointWorld> world;
};

TEST_F(Reconfigure, NewSecretsServeTheNextLoginAndRunningSessionsContinue) {
  make_world();
  const std::size_t first = connect(sim::fixture_client_config(0));
  ASSERT_TRUE(world->client(first).up());

  // user0 removed, newbie added.
  world->server().reconfigure(sim::fixture_server_config(),
                              secrets_of("newbie * fresh *\nuser1 * secret1 *\n"));
  EXPECT_TRUE(carries_traffic(first, 1));

  ClientConfig newbie = sim::fixture_client_config(1);
  newbie.link.user = "newbie";
  newbie.link.password = "fresh";
  const std::size_t added = connect(newbie);
  EXPECT_TRUE(world->client(added).up());

  const std::size_t removed = connect(sim::fixture_client_config(10));  // user0 again
  EXPECT_FALSE(world->client(removed).up());
  const auto failed = all_of<AuthFailed>(world->server_events());
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].user, "user0");
  EXPECT_EQ(failed[0].failure, ppp::AuthFailure::kUnknownUser);
  EXPECT_TRUE(carries_traffic(first, 2));
  EXPECT_EQ(world->server().session_count(), 2u);
}

TEST_F(Reconfigure, NewLinkSettingsApplyToNewSessionsOnly) {
  make_world();
  const std::size_t first = connect(sim::fixture_client_config(0));
  ServerConfig relaxed = sim::fixture_server_config();
  relaxed.link.ccp.policy = ppp::MppePolicy::kOptional;
  world->server().reconfigure(relaxed, secrets_of("user1 * secret1 *\n"));
  ClientConfig plain = sim::fixture_client_config(1);
  plain.link.ccp.policy = ppp::MppePolicy::kRefused;
  const std::size_t second = connect(plain);
  ASSERT_TRUE(world->client(second).up());
  const auto up = all_of<SessionUp>(world->server_events());
  ASSERT_EQ(up.size(), 2u);
  EXPECT_TRUE(up[0].mppe.has_value());
  EXPECT_FALSE(up[1].mppe.has_value());
  EXPECT_TRUE(carries_traffic(first, 1));
  EXPECT_TRUE(carries_traffic(second, 2));
}

TEST_F(Reconfigure, LimitsApplyToTheNextCallAndThePoolStays) {
  ServerConfig config = sim::fixture_server_config();
  config.limits.max_sessions = 1;
  make_world(config);
  connect(sim::fixture_client_config(0));
  EXPECT_FALSE(world->client(connect(sim::fixture_client_config(1))).up());

  config.limits.max_sessions = 2;
  config.pool.ranges = {{0x0A000001, 0x0A0000FE}};  // a new pool needs a restart: ignored
  world->server().reconfigure(config, std::make_shared<const ppp::ChapSecrets>(secrets));
  const std::size_t second = connect(sim::fixture_client_config(2));
  ASSERT_TRUE(world->client(second).up());
  const std::uint32_t address = world->record(second).addresses->local;
  EXPECT_EQ(address & 0xFFFFF000, 0xC6120000u);  // from the pool the server started with

  config.limits.max_sessions = 1;  // below what runs: both stay, no third
  world->server().reconfigure(config, std::make_shared<const ppp::ChapSecrets>(secrets));
  EXPECT_FALSE(world->client(connect(sim::fixture_client_config(3))).up());
  EXPECT_EQ(world->server().session_count(), 2u);
  EXPECT_TRUE(carries_traffic(second, 1));
}

TEST_F(Reconfigure, NameServersAndMruApplyToTheNextSessionAndAddressesStay) {
  make_world();
  const std::size_t first = connect(sim::fixture_client_config(0));
  ASSERT_TRUE(world->client(first).up());

  ServerConfig next = sim::fixture_server_config();
  next.pool.primary_dns = 0xC6336435;             // 198.51.100.53
  next.pool.secondary_dns = 0xC6336436;           // 198.51.100.54
  next.pool.ranges = {{0x0A000001, 0x0A0000FE}};  // a new pool needs a restart: ignored
  next.link.lcp.mru = 1200;
  world->server().reconfigure(next, std::make_shared<const ppp::ChapSecrets>(secrets));
  const std::size_t second = connect(sim::fixture_client_config(1));
  ASSERT_TRUE(world->client(second).up());

  const auto up = all_of<SessionUp>(world->server_events());
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[0].addresses.primary_dns, sim::fixture_server_config().pool.primary_dns);
  EXPECT_EQ(up[0].addresses.secondary_dns, std::nullopt);
  EXPECT_EQ(up[1].addresses.primary_dns, 0xC6336435u);
  EXPECT_EQ(up[1].addresses.secondary_dns, 0xC6336436u);
  EXPECT_EQ(up[1].addresses.peer & 0xFFFFF000, 0xC6120000u);  // from the pool the server started with
  // The host routes carry each session's MTU: the new MRU bounds only the new one.
  const auto routes = all_of<AddRoute>(world->server_events());
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_GT(routes[0].mtu, 1200u);
  EXPECT_EQ(routes[1].mtu, 1200u - 4);  // less MPPE's overhead
  EXPECT_TRUE(carries_traffic(first, 1));
  EXPECT_TRUE(carries_traffic(second, 2));
}

}  // namespace
}  // namespace pptpkit::endpoint
