// A server and clients over lossless simulated links: complete sessions,
// traffic with content checks, anti-spoofing, limits, refusals and every
// kind of teardown.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <variant>

#include "sim/endpoint_fixture.h"
#include "sim/endpoint_world.h"

namespace pptpkit::endpoint {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

template <class E>
std::vector<E> all_of(const std::vector<Event>& events) {
  std::vector<E> found;
  for (const auto& e : events) {
    if (const auto* x = std::get_if<E>(&e)) found.push_back(*x);
  }
  return found;
}

class EndpointPair : public ::testing::Test {
 protected:
  void make_world(ServerConfig config = sim::fixture_server_config()) {
    world = std::make_unique<sim::EndpointWorld>(1, sim::LinkProfile{.delay = milliseconds(1)},
                                                 milliseconds(1), std::move(config), secrets);
  }
  std::size_t connect_client(std::size_t i, ClientConfig config) {
    const std::size_t index = world->add_client(std::move(config));
    (void)i;
    world->connect(index);
    return index;
  }
  void run_for(Duration d) { world->run_until(world->now() + d); }

  ppp::ChapSecrets secrets = sim::fixture_secrets();
  std::unique_ptr<sim::EndpointWorld> world;
};

TEST_F(EndpointPair, SessionComesUpWithMsChapV2AndMppe128) {
  make_world();
  const std::size_t c = connect_client(0, sim::fixture_client_config(0));
  run_for(seconds(5));
  ASSERT_TRUE(world->client(c).up());
  const auto server_up = all_of<SessionUp>(world->server_events());
  ASSERT_EQ(server_up.size(), 1u);
  EXPECT_EQ(server_up[0].user, "user0");
  EXPECT_EQ(server_up[0].auth, ppp::AuthMethod::kMsChapV2);
  ASSERT_TRUE(server_up[0].mppe);
  EXPECT_EQ(server_up[0].mppe->strength, crypto::MppeStrength::k128Bit);
  EXPECT_EQ(server_up[0].peer, sim::client_address(0));
  EXPECT_EQ(server_up[0].addresses.local, sim::kTunnelLocal);
  EXPECT_EQ(server_up[0].mtu, 1400 - 4);  // the client's MRU less MPPE's overhead
  const auto routes = all_of<AddRoute>(world->server_events());
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].address, server_up[0].addresses.peer);
  const auto& record = world->record(c);
  ASSERT_TRUE(record.addresses);
  EXPECT_EQ(record.addresses->local, server_up[0].addresses.peer);  // the client's own end
  EXPECT_EQ(record.addresses->peer, sim::kTunnelLocal);
  EXPECT_EQ(record.addresses->primary_dns, sim::kTunnelLocal);
  const auto tun = all_of<ConfigureTun>(record.events);
  ASSERT_EQ(tun.size(), 1u);
  EXPECT_EQ(tun[0].mtu, 1400 - 4);
  EXPECT_EQ(world->server().routes().size(), 1u);
}

TEST_F(EndpointPair, TrafficBothWaysArrivesIntact) {
  make_world();
  const std::size_t c = connect_client(0, sim::fixture_client_config(0));
  run_for(seconds(5));
  const std::uint32_t address = world->record(c).addresses->local;
  for (std::uint32_t n = 0; n < 50; ++n) {
    world->client_send(c, sim::make_packet(address, sim::kInsideHost, 1, n, 100 + n));
    world->server_send(sim::make_packet(sim::kInsideHost, address, 2, n, 1300));
  }
  run_for(seconds(1));
  ASSERT_EQ(world->server_tun_received().size(), 50u);
  ASSERT_EQ(world->record(c).tun_received.size(), 50u);
  for (std::uint32_t n = 0; n < 50; ++n) {
    EXPECT_EQ(world->server_tun_received()[n], sim::make_packet(address, sim::kInsideHost, 1, n, 100 + n));
    EXPECT_EQ(world->record(c).tun_received[n], sim::make_packet(sim::kInsideHost, address, 2, n, 1300));
  }
  // Too big for the negotiated MTU: refused, not fragmented.
  world->server_send(sim::make_packet(sim::kInsideHost, address, 2, 99, 1500));
  EXPECT_EQ(world->server().stats().send_refused, 1u);
}

TEST_F(EndpointPair, SpoofedSourcesAndUnroutedDestinationsAreDropped) {
  make_world();
  const std::size_t a = connect_client(0, sim::fixture_client_config(0));
  const std::size_t b = connect_client(1, sim::fixture_client_config(1));
  run_for(seconds(5));
  const std::uint32_t address_a = world->record(a).addresses->local;
  const std::uint32_t address_b = world->record(b).addresses->local;
  // Client a claims b's address: the server drops it.
  world->client_send(a, sim::make_packet(address_b, sim::kInsideHost, 1, 1));
  world->client_send(a, sim::make_packet(address_a, sim::kInsideHost, 1, 2));
  world->server_send(sim::make_packet(sim::kInsideHost, 0xC61200FE, 2, 1));  // nobody's
  run_for(seconds(1));
  EXPECT_EQ(world->server().stats().spoofed_source, 1u);
  EXPECT_EQ(world->server().stats().tun_no_route, 1u);
  ASSERT_EQ(world->server_tun_received().size(), 1u);
  EXPECT_EQ(sim::read_packet(world->server_tun_received()[0])->sequence, 2u);
}

TEST_F(EndpointPair, ClientShutdownIsOrderlyAndFreesEverything) {
  make_world();
  const std::size_t c = connect_client(0, sim::fixture_client_config(0));
  run_for(seconds(5));
  const std::uint32_t address = world->record(c).addresses->local;
  world->client_shutdown(c);
  run_for(seconds(5));
  EXPECT_TRUE(world->client(c).finished());
  EXPECT_EQ(world->server().session_count(), 0u);
  EXPECT_EQ(world->server().tunnel_count(), 0u);
  EXPECT_EQ(world->server().pool().in_use(), 0u);
  const auto removed = all_of<RemoveRoute>(world->server_events());
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].address, address);
  const auto down = all_of<SessionDown>(world->record(c).events);
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].reason, "User request");
  // The server names the client's Terminate-Request, not the call clear after it.
  const auto server_down = all_of<SessionDown>(world->server_events());
  ASSERT_EQ(server_down.size(), 1u);
  EXPECT_EQ(server_down[0].reason, "LCP terminated by peer (User request)");
  EXPECT_FALSE(world->client(c).next_deadline());
}

TEST_F(EndpointPair, ServerShutdownEndsEverySessionInTime) {
  make_world();
  for (std::size_t i = 0; i < 3; ++i) connect_client(i, sim::fixture_client_config(i));
  run_for(seconds(5));
  ASSERT_EQ(world->server().session_count(), 3u);
  world->server_shutdown();
  run_for(seconds(10));
  EXPECT_TRUE(world->server().finished());
  EXPECT_FALSE(world->server().next_deadline());
  EXPECT_EQ(world->server().pool().in_use(), 0u);
  EXPECT_EQ(all_of<SessionDown>(world->server_events()).size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(world->client(i).finished());
    const auto down = all_of<SessionDown>(world->record(i).events);
    ASSERT_EQ(down.size(), 1u);
    EXPECT_EQ(down[0].reason, "LCP terminated by peer (User request)");
  }
  // No new connection while shut down.
  const std::size_t late = world->add_client(sim::fixture_client_config(5));
  world->connect(late);
  run_for(seconds(1));
  EXPECT_TRUE(world->client(late).finished());
}

TEST_F(EndpointPair, TcpResetEndsTheSession) {
  make_world();
  const std::size_t c = connect_client(0, sim::fixture_client_config(0));
  run_for(seconds(5));
  world->reset_tcp(c);
  run_for(seconds(1));
  EXPECT_EQ(world->server().session_count(), 0u);
  EXPECT_EQ(world->server().pool().in_use(), 0u);
  EXPECT_TRUE(world->client(c).finished());
  const auto down = all_of<SessionDown>(world->server_events());
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].reason, "control connection down: peer closed TCP");
}

TEST_F(EndpointPair, VanishedClientIsDetectedByKeepalive) {
  make_world();
  const std::size_t c = connect_client(0, sim::fixture_client_config(0));
  run_for(seconds(5));
  world->vanish(c);
  run_for(seconds(200));
  EXPECT_EQ(world->server().session_count(), 0u);
  EXPECT_EQ(world->server().tunnel_count(), 0u);
  EXPECT_EQ(world->server().pool().in_use(), 0u);
  const auto down = all_of<SessionDown>(world->server_events());
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].reason, "control connection down: keep-alive timeout");
}

TEST_F(EndpointPair, WrongPasswordIsReported) {
  make_world();
  ClientConfig config = sim::fixture_client_config(0);
  config.link.password = "wrong";
  const std::size_t c = connect_client(0, config);
  run_for(seconds(10));
  const auto failed = all_of<AuthFailed>(world->server_events());
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].user, "user0");
  EXPECT_EQ(failed[0].failure, ppp::AuthFailure::kWrongPassword);
  EXPECT_FALSE(all_of<AuthFailed>(world->record(c).events).empty());
  EXPECT_TRUE(world->client(c).finished());
  EXPECT_EQ(world->server().session_count(), 0u);
}

TEST_F(EndpointPair, SessionLimitRefusesTheCall) {
  ServerConfig config = sim::fixture_server_config();
  config.limits.max_sessions = 1;
  make_world(config);
  connect_client(0, sim::fixture_client_config(0));
  run_for(seconds(5));
  const std::size_t second = connect_client(1, sim::fixture_client_config(1));
  run_for(seconds(5));
  EXPECT_EQ(world->server().session_count(), 1u);
  EXPECT_FALSE(world->client(second).up());
  EXPECT_TRUE(world->client(second).finished());
}

TEST_F(EndpointPair, PerUserLimitAndPoolExhaustionFailIpcpWithAReason) {
  ServerConfig config = sim::fixture_server_config();
  config.limits.max_sessions_per_user = 1;
  config.pool.ranges = {{0xC6120002, 0xC6120003}};  // two addresses
  make_world(config);
  connect_client(0, sim::fixture_client_config(0));
  connect_client(10, sim::fixture_client_config(10));  // user0 again
  connect_client(1, sim::fixture_client_config(1));
  connect_client(2, sim::fixture_client_config(2));  // no address left
  run_for(seconds(20));
  EXPECT_EQ(all_of<SessionUp>(world->server_events()).size(), 2u);
  std::vector<std::string> reasons;
  for (const auto& down : all_of<SessionDown>(world->server_events())) reasons.push_back(down.reason);
  std::sort(reasons.begin(), reasons.end());
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0], "address pool exhausted");
  EXPECT_EQ(reasons[1], "too many sessions for this user");
  EXPECT_EQ(world->server().pool().in_use(), 2u);
}

}  // namespace
}  // namespace pptpkit::endpoint
