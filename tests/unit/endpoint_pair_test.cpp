// A server and clients over lossless simulated links: complete sessions,
// traffic with content checks, anti-spoofing, limits, refusals and every
// kind of teardown.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <variant>

#include "sim/endpoint_fixture.h"
#include "sim/endpoint_world.h"
#include "wire/inet_checksum.h"
#include "wire/tcp_header.h"

namespace pptpkit::endpoint {
namespace {

using sim::all_of;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::uint32_t kSecondServerAddress = 0xC6336464;  // 198.51.100.100, the server's other address

// The TCP pseudo-header's sum (RFC 9293 section 3.1) for `packet`.
std::uint16_t pseudo_header_sum(const std::vector<std::uint8_t>& packet) {
  const auto length = static_cast<std::uint16_t>(packet.size() - wire::kIpv4HeaderSize);
  std::vector<std::uint8_t> pseudo(packet.begin() + 12, packet.begin() + 20);  // source, destination
  pseudo.insert(pseudo.end(),
                {0, 6, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)});
  return wire::inet_sum(pseudo);
}

// An IPv4 TCP segment (no payload) with `flags` and an MSS option, checksum correct.
std::vector<std::uint8_t> tcp_segment(std::uint32_t source, std::uint32_t destination, std::uint8_t flags,
                                      std::uint16_t mss) {
  std::vector<std::uint8_t> packet(wire::kIpv4HeaderSize + 24);
  wire::Ipv4Header header;
  header.total_length = static_cast<std::uint16_t>(packet.size());
  header.protocol = 6;
  header.source_address = source;
  header.destination_address = destination;
  (void)wire::encode_ipv4_header(header, packet);
  const std::vector<std::uint8_t> tcp{0x9C,
                                      0x40,
                                      0,
                                      80,
                                      0,
                                      0,
                                      0,
                                      1,
                                      0,
                                      0,
                                      0,
                                      0,
                                      6 << 4,
                                      flags,
                                      0xFF,
                                      0xFF,
                                      0,
                                      0,
                                      0,
                                      0,
                                      2,
                                      4,
                                      static_cast<std::uint8_t>(mss >> 8),
                                      static_cast<std::uint8_t>(mss)};
  std::copy(tcp.begin(), tcp.end(), packet.begin() + wire::kIpv4HeaderSize);
  const std::uint16_t checksum =
      wire::inet_checksum(Bytes(packet).subspan(wire::kIpv4HeaderSize), pseudo_header_sum(packet));
  packet[wire::kIpv4HeaderSize + 16] = static_cast<std::uint8_t>(checksum >> 8);
  packet[wire::kIpv4HeaderSize + 17] = static_cast<std::uint8_t>(checksum);
  return packet;
}

// The segment's MSS option, after checking its TCP checksum.
std::uint16_t mss_of(const std::vector<std::uint8_t>& packet) {
  EXPECT_EQ(wire::inet_checksum(Bytes(packet).subspan(wire::kIpv4HeaderSize), pseudo_header_sum(packet)), 0)
      << "TCP checksum";
  const auto tcp = wire::decode_tcp_header(Bytes(packet).subspan(wire::kIpv4HeaderSize));
  if (!tcp) return 0;
  const auto mss = wire::find_tcp_mss(*tcp);
  return mss && *mss ? (*mss)->mss : 0;
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

// A multi-homed server: each tunnel's GRE leaves from the address its
// control connection reached, the only source its client takes GRE from
// (RFC 2637 section 4); from any other, the session would not come up.
TEST_F(EndpointPair, EachTunnelsGreLeavesFromTheAddressItsClientReached) {
  make_world();
  world->add_server_address(kSecondServerAddress);
  const std::size_t first = connect_client(0, sim::fixture_client_config(0));
  ClientConfig config = sim::fixture_client_config(1);
  config.server_address = kSecondServerAddress;
  const std::size_t second = connect_client(1, config);
  run_for(seconds(5));
  ASSERT_TRUE(world->client(first).up());
  ASSERT_TRUE(world->client(second).up());
  const auto& sources = world->server_gre_sources();
  EXPECT_EQ(sources.at(sim::client_address(0)), std::set<std::uint32_t>{sim::kServerAddress});
  EXPECT_EQ(sources.at(sim::client_address(1)), std::set<std::uint32_t>{kSecondServerAddress});
  const std::uint32_t address = world->record(second).addresses->local;
  world->server_send(sim::make_packet(sim::kInsideHost, address, 2, 1));
  run_for(seconds(1));
  ASSERT_EQ(world->record(second).tun_received.size(), 1u);
  EXPECT_EQ(world->client(second).gre_drops().total(), 0u);
}

// The receive side does not look at the local address GRE arrived on:
// (Call ID, peer) identify the call, as in the kernel's pptp_rcv, and the
// destination proves nothing a spoofer could not write (docs/net.md).
TEST_F(EndpointPair, GreArrivingOnAnotherLocalAddressIsStillTheCalls) {
  make_world();
  world->add_server_address(kSecondServerAddress);
  ClientConfig config = sim::fixture_client_config(0);
  config.server_address = kSecondServerAddress;
  const std::size_t c = connect_client(0, config);
  world->divert_client_gre(c, sim::kServerAddress);
  run_for(seconds(5));
  ASSERT_TRUE(world->client(c).up());
  const std::uint32_t address = world->record(c).addresses->local;
  world->client_send(c, sim::make_packet(address, sim::kInsideHost, 1, 1));
  run_for(seconds(1));
  ASSERT_EQ(world->server_tun_received().size(), 1u);
  EXPECT_EQ(world->server().gre_drops().total(), 0u);
  EXPECT_EQ(world->server_gre_sources().at(sim::client_address(0)),
            std::set<std::uint32_t>{kSecondServerAddress});
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
  // The client's Call-Clear-Request arrives while the server's link waits
  // out its Terminate exchange: the cause is still the client's
  // Terminate-Request, named with its text.
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

// GRE goes silent both ways while TCP stays: the client's own LCP
// keep-alive (quicker than the server's here) ends its session, it hangs
// up the call and the client finishes, which ends `pptpkit client`.
TEST_F(EndpointPair, SilentGreEndsTheClientByLcpKeepalive) {
  make_world();
  ClientConfig config = sim::fixture_client_config(0);
  config.link.keepalive = {.interval = seconds(5), .max_failures = 3};
  const std::size_t c = connect_client(0, config);
  run_for(seconds(5));
  ASSERT_TRUE(world->client(c).up());
  world->network().set_profile({.loss = 1.0});
  run_for(seconds(14));
  EXPECT_FALSE(world->client(c).finished());
  run_for(seconds(10));
  EXPECT_TRUE(world->client(c).finished());
  const auto down = all_of<SessionDown>(world->record(c).events);
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].reason, "Peer not responding to echo requests");
  EXPECT_EQ(world->server().session_count(), 0u);
}

TEST_F(EndpointPair, LcpEchoesDeclareAVanishedClientDead) {
  // PPTP's own keep-alive takes 90 s; LCP's gives up after 4 s, then
  // Terminate-Requests go unanswered for their own few seconds.
  ServerConfig config = sim::fixture_server_config();
  config.link.keepalive = {.interval = seconds(1), .max_failures = 3};
  make_world(config);
  connect_client(0, sim::fixture_client_config(0));
  run_for(seconds(5));
  ASSERT_EQ(world->server().session_count(), 1u);
  world->vanish(0);
  run_for(seconds(3));
  EXPECT_EQ(world->server().session_count(), 1u);  // three echoes unanswered, not yet a fourth interval
  run_for(seconds(15));
  EXPECT_EQ(world->server().session_count(), 0u);
  const auto down = all_of<SessionDown>(world->server_events());
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].reason, "Peer not responding to echo requests");
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
  // The refused client learns why from the server's Terminate-Request.
  std::size_t told = 0;
  for (std::size_t c = 0; c < 4; ++c) {
    const auto& lines = world->record(c).log;
    told += static_cast<std::size_t>(std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
      return line.find("rcvd [LCP TermReq") != std::string::npos &&
             line.find("Too many sessions for this user") != std::string::npos;
    }));
  }
  EXPECT_EQ(told, 1u);
}

// SYNs crossing a session whose MTU is 1400 (MRU 1404 both ways less
// MPPE's 4 octets) leave with MSS 1360 in either direction, checksum still
// right, whichever end clamps: the sender before framing, or the receiver
// before its TUN. An MSS already below and segments that are not SYNs pass
// untouched; with clamping off at both ends nothing changes.
struct Clamping {
  bool server = true;
  bool client = true;
};

class MssClamp : public EndpointPair, public ::testing::WithParamInterface<Clamping> {
 protected:
  std::uint32_t bring_up() {
    ServerConfig server = sim::fixture_server_config();
    server.link.lcp.mru = 1404;
    server.mss_clamp = GetParam().server;
    make_world(server);
    ClientConfig client = sim::fixture_client_config(0);
    client.link.lcp.mru = 1404;
    client.mss_clamp = GetParam().client;
    connect_client(0, client);
    run_for(seconds(5));
    const auto routes = all_of<AddRoute>(world->server_events());
    EXPECT_EQ(routes.size(), 1u);
    if (!routes.empty()) {
      EXPECT_EQ(routes[0].mtu, 1400);
    }
    return world->record(0).addresses->local;
  }
};

TEST_P(MssClamp, SynAndSynAckBothWays) {
  const auto [server_clamps, client_clamps] = GetParam();
  const bool clamped = server_clamps || client_clamps;
  const std::uint32_t address = bring_up();
  using wire::kTcpAck;
  using wire::kTcpSyn;
  world->client_send(0, tcp_segment(address, sim::kInsideHost, kTcpSyn, 1460));
  world->client_send(0, tcp_segment(address, sim::kInsideHost, kTcpSyn | kTcpAck, 1300));
  world->client_send(0, tcp_segment(address, sim::kInsideHost, kTcpAck, 1460));
  world->server_send(tcp_segment(sim::kInsideHost, address, kTcpSyn | kTcpAck, 1460));
  world->server_send(tcp_segment(sim::kInsideHost, address, kTcpSyn, 536));
  run_for(seconds(1));
  const auto& at_server = world->server_tun_received();
  const auto& at_client = world->record(0).tun_received;
  ASSERT_EQ(at_server.size(), 3u);
  ASSERT_EQ(at_client.size(), 2u);
  EXPECT_EQ(mss_of(at_server[0]), clamped ? 1360 : 1460);
  EXPECT_EQ(mss_of(at_server[1]), 1300);
  EXPECT_EQ(at_server[2], tcp_segment(address, sim::kInsideHost, kTcpAck, 1460));  // not a SYN
  EXPECT_EQ(mss_of(at_client[0]), clamped ? 1360 : 1460);
  EXPECT_EQ(mss_of(at_client[1]), 536);
  // Each SYN is clamped once, by the first end that clamps on its way.
  const std::uint64_t by_server = (server_clamps ? 1u : 0u) + (server_clamps && !client_clamps ? 1u : 0u);
  const std::uint64_t by_client = (client_clamps ? 1u : 0u) + (client_clamps && !server_clamps ? 1u : 0u);
  EXPECT_EQ(world->server().stats().mss_clamped, by_server);
  EXPECT_EQ(world->client(0).stats().mss_clamped, by_client);
}

INSTANTIATE_TEST_SUITE_P(Ends, MssClamp,
                         ::testing::Values(Clamping{true, true}, Clamping{true, false}, Clamping{false, true},
                                           Clamping{false, false}));

}  // namespace
}  // namespace pptpkit::endpoint
