// A server and 1,000 clients over the seeded simulated network (loss,
// reordering, duplication, jitter on GRE; TCP as a delayed reliable pipe):
// complete sessions (control connection, call, LCP, MS-CHAPv2, MPPE-128,
// IPCP), traffic both ways with content checks, then orderly (client and
// server shutdown) and disorderly (TCP reset, vanished peer) teardown, all
// in virtual time. Reports the server's heap per established session.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <set>
#include <variant>

#include "sim/counting_allocator.h"
#include "sim/endpoint_fixture.h"
#include "sim/endpoint_world.h"

namespace pptpkit::sim {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const bool kOpensslCounted = count_openssl_allocations();

LinkProfile lossy() {
  return LinkProfile{.loss = 0.01,
                     .duplicate = 0.005,
                     .reorder = 0.05,
                     .delay = milliseconds(10),
                     .jitter = milliseconds(2),
                     .reorder_delay = milliseconds(5)};
}

template <class E>
std::size_t count_of(const std::vector<endpoint::Event>& events) {
  std::size_t n = 0;
  for (const auto& e : events) n += std::holds_alternative<E>(e) ? 1u : 0u;
  return n;
}

struct Outcome {
  std::uint64_t trace = 0;
  std::size_t up = 0;
  std::size_t server_downs = 0;
  double bytes_per_session = 0;
};

constexpr std::uint32_t kPacketsEachWay = 20;

// Connects `clients` clients, exchanges traffic, then tears down: the first
// 40% shut down, the next 20% lose TCP, the next 10% vanish, and the server
// shuts the rest down. Checks every step; returns what to compare.
Outcome run_world(std::uint64_t seed, std::size_t clients) {
  const ppp::ChapSecrets secrets = fixture_secrets();
  EndpointWorld world(seed, lossy(), milliseconds(10), fixture_server_config(), secrets);
  world.set_server_tag(&allocation_tag);
  for (std::size_t i = 0; i < clients; ++i) world.add_client(fixture_client_config(i));
  world.run_until(milliseconds(1));
  const std::int64_t baseline = live_bytes(1);
  for (std::size_t i = 0; i < clients; ++i) {
    world.network().schedule(milliseconds(2 * static_cast<std::int64_t>(i) + 1),
                             [&world, i](Timestamp) { world.connect(i); });
  }

  // Establishment, with LCP/CHAP/CCP/IPCP retransmissions under loss.
  world.run_until(seconds(40));
  Outcome outcome;
  for (std::size_t i = 0; i < clients; ++i) {
    outcome.up += world.client(i).up() ? 1u : 0u;
    if (world.client(i).up()) continue;
    std::string log;
    for (const auto& line : world.record(i).log) log += line + "\n";
    ADD_FAILURE() << "client " << i << " not up:\n" << log;
  }
  EXPECT_EQ(outcome.up, clients);
  EXPECT_EQ(world.server().session_count(), clients);
  const std::int64_t established = live_bytes(1);
  outcome.bytes_per_session =
      static_cast<double>(established - baseline) / static_cast<double>(std::max<std::size_t>(1, clients));

  // Traffic both ways, spread over two seconds.
  for (std::size_t i = 0; i < clients; ++i) {
    const std::uint32_t address = world.record(i).addresses ? world.record(i).addresses->local : 0;
    for (std::uint32_t n = 0; n < kPacketsEachWay; ++n) {
      const Timestamp at =
          seconds(40) + milliseconds(100 * n) + milliseconds(static_cast<std::int64_t>(i % 97));
      world.network().schedule(at, [&world, i, n, address](Timestamp) {
        world.client_send(i,
                          make_packet(address, kInsideHost, static_cast<std::uint32_t>(i), n, 64 + n * 50));
        world.server_send(
            make_packet(kInsideHost, address, static_cast<std::uint32_t>(i + 100000), n, 1200 - n * 40));
      });
    }
  }
  world.run_until(seconds(45));
  std::set<std::pair<std::uint32_t, std::uint32_t>> at_server;
  for (const auto& packet : world.server_tun_received()) {
    const auto mark = read_packet(packet);
    EXPECT_TRUE(mark) << "corrupted packet at the server";
    if (!mark) continue;
    EXPECT_TRUE(at_server.insert({mark->tag, mark->sequence}).second) << "duplicate delivered";
    EXPECT_LT(mark->tag, clients);
  }
  std::size_t at_clients = 0;
  for (std::size_t i = 0; i < clients; ++i) {
    std::set<std::uint32_t> seen;
    for (const auto& packet : world.record(i).tun_received) {
      const auto mark = read_packet(packet);
      EXPECT_TRUE(mark) << "corrupted packet at client " << i;
      if (!mark) continue;
      EXPECT_EQ(mark->tag, i + 100000) << "misrouted packet";
      EXPECT_TRUE(seen.insert(mark->sequence).second) << "duplicate delivered";
    }
    at_clients += seen.size();
  }
  const double sent = static_cast<double>(clients * kPacketsEachWay);
  EXPECT_GT(static_cast<double>(at_server.size()), 0.95 * sent);
  EXPECT_GT(static_cast<double>(at_clients), 0.95 * sent);
  EXPECT_EQ(world.server().stats().spoofed_source, 0u);

  // Teardown.
  const std::size_t orderly = clients * 4 / 10;
  const std::size_t reset = clients * 6 / 10;
  const std::size_t vanished = clients * 7 / 10;
  for (std::size_t i = 0; i < clients; ++i) {
    if (i < orderly) {
      world.client_shutdown(i);
    } else if (i < reset) {
      world.reset_tcp(i);
    } else if (i < vanished) {
      world.vanish(i);
    }
  }
  world.run_until(seconds(45 + 200));  // keep-alives find the vanished ones
  EXPECT_EQ(world.server().session_count(), clients - vanished);
  world.server_shutdown();
  world.run_until(seconds(45 + 200 + 30));
  EXPECT_TRUE(world.server().finished());
  EXPECT_EQ(world.server().pool().in_use(), 0u);
  EXPECT_EQ(world.server().routes().size(), 0u);
  for (std::size_t i = 0; i < clients; ++i) {
    if (i < reset || i >= vanished) {
      EXPECT_TRUE(world.client(i).finished()) << "client " << i;
    }
  }
  outcome.server_downs = count_of<endpoint::SessionDown>(world.server_events());
  EXPECT_EQ(outcome.server_downs, clients);
  EXPECT_EQ(count_of<endpoint::RemoveRoute>(world.server_events()), clients);
  outcome.trace = world.network().trace_hash();
  return outcome;
}

TEST(EndpointSimulation, ThousandClientsThroughCompleteSessions) {
  ASSERT_TRUE(kOpensslCounted) << "OpenSSL allocated before the counting allocator was installed";
  const Outcome outcome = run_world(2024, 1000);
  std::cout << "memory per established session (server side, heap incl. OpenSSL): "
            << static_cast<long>(outcome.bytes_per_session) << " bytes\n";
  ::testing::Test::RecordProperty("bytes_per_session", static_cast<int>(outcome.bytes_per_session));
  EXPECT_LT(outcome.bytes_per_session, 64 * 1024);
}

TEST(EndpointSimulation, SameSeedSameTrace) {
  const Outcome a = run_world(7, 60);
  const Outcome b = run_world(7, 60);
  const Outcome c = run_world(8, 60);
  EXPECT_EQ(a.trace, b.trace);
  EXPECT_NE(a.trace, c.trace);
}

}  // namespace
}  // namespace pptpkit::sim
