// The data channel end to end over sim::Network: impairments from a seeded
// PRNG, thousands of sessions, deterministic runs.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "sim/sim_host.h"
#include "sim/sim_network.h"

namespace pptpkit::sim {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::uint32_t kA = 0xC0000201;  // 192.0.2.1
constexpr std::uint32_t kB = 0xC0000202;  // 192.0.2.2

std::vector<std::uint8_t> payload(std::uint64_t n, std::size_t size = 64) {
  std::vector<std::uint8_t> p(size, 0x5A);
  std::memcpy(p.data(), &n, sizeof n);
  return p;
}

std::uint64_t id(const std::vector<std::uint8_t>& p) {
  std::uint64_t n = 0;
  std::memcpy(&n, p.data(), sizeof n);
  return n;
}

gre::ChannelConfig config(std::uint16_t peer_call_id, gre::FlowControl flow = gre::FlowControl::kOff) {
  gre::ChannelConfig c;
  c.peer_call_id = peer_call_id;
  c.flow_control = flow;
  // Enough to ride out the reordering below (11 ms at 1 packet/ms) even
  // with lost packets' gaps in front.
  c.receiver.hold_count = 64;
  c.receiver.hold_time = milliseconds(100);
  return c;
}

// A call between two hosts: A's Call ID 1, B's Call ID 2.
struct Pair {
  Pair(std::uint64_t seed, const LinkProfile& profile, gre::ChannelConfig a_config = config(2),
       gre::ChannelConfig b_config = config(1))
      : net(seed, profile), a(net, kA), b(net, kB) {
    a.open(1, kB, a_config);
    b.open(2, kA, b_config);
  }
  // A sends `count` payloads, one every `interval`, from `start`.
  void stream(std::uint64_t first, std::uint64_t count, Timestamp start, Duration interval) {
    for (std::uint64_t i = 0; i < count; ++i) {
      net.schedule(start + static_cast<std::int64_t>(i) * interval,
                   [this, n = first + i](Timestamp) { a.send(1, payload(n)); });
    }
  }
  Network net;
  Host a, b;
};

LinkProfile impaired() {
  LinkProfile p;
  p.loss = 0.05;
  p.duplicate = 0.05;
  p.reorder = 0.1;
  p.delay = milliseconds(10);
  p.jitter = milliseconds(3);
  p.reorder_delay = milliseconds(8);
  return p;
}

void expect_in_order(const std::vector<std::vector<std::uint8_t>>& delivered) {
  for (std::size_t i = 1; i < delivered.size(); ++i) ASSERT_LT(id(delivered[i - 1]), id(delivered[i])) << i;
}

TEST(GreSim, DeliversEverythingNotLostInOrderWithoutDuplicates) {
  Pair p(1, impaired());
  p.stream(0, 3000, milliseconds(0), milliseconds(1));
  p.net.run_until(seconds(5));
  const auto& got = p.b.delivered(2);
  expect_in_order(got);
  EXPECT_EQ(got.size(), 3000 - p.net.stats().lost_to.at(kB));
  EXPECT_GT(p.net.stats().duplicated, 0u);
  EXPECT_GT(p.b.demux().drops()[gre::DropReason::kDuplicate], 0u);
  EXPECT_EQ(p.b.demux().drops()[gre::DropReason::kTooOld], 0u);
}

TEST(GreSim, StrictNeverExceedsTheWindow) {
  Pair p(2, impaired(), config(2, gre::FlowControl::kStrict), config(1, gre::FlowControl::kStrict));
  p.stream(0, 3000, milliseconds(0), milliseconds(1));
  p.net.schedule(milliseconds(0), [&](Timestamp) {
    for (int i = 0; i < 50; ++i) p.b.send(2, payload(1'000'000 + static_cast<std::uint64_t>(i)));
  });
  p.net.run_until(seconds(6));
  EXPECT_LE(p.a.max_window_excess(), 0) << p.a.channel(1).sender().window();
  EXPECT_LE(p.b.max_window_excess(), 0);
  expect_in_order(p.b.delivered(2));
  EXPECT_GT(p.b.delivered(2).size(), 2500u);
}

TEST(GreSim, ThroughputRecoversAfterALossBurst) {
  Pair p(3, LinkProfile{}, config(2, gre::FlowControl::kStrict), config(1, gre::FlowControl::kStrict));
  p.stream(0, 4000, milliseconds(0), milliseconds(1));  // 1000 packets/s for 4 s
  p.net.run_until(seconds(1));
  const std::size_t before = p.b.delivered(2).size();
  LinkProfile burst;
  burst.loss = 1.0;
  p.net.set_profile(burst);
  p.net.run_until(milliseconds(1500));
  p.net.set_profile(LinkProfile{});
  p.net.run_until(seconds(3));  // the backed-off ack time-out expires, the window reopens
  const std::size_t recovering = p.b.delivered(2).size();
  p.net.run_until(seconds(4));
  const std::size_t last_second = p.b.delivered(2).size() - recovering;
  EXPECT_GE(before, 950u);
  EXPECT_GE(last_second, 950u);  // back to the offered rate
  expect_in_order(p.b.delivered(2));
}

TEST(GreSim, SequenceNumbersWrapMidTransfer) {
  auto a_config = config(2, gre::FlowControl::kStrict);
  a_config.first_sequence = 0xFFFFFF00u;
  Pair p(4, impaired(), a_config, config(1, gre::FlowControl::kStrict));
  p.stream(0, 1000, milliseconds(0), milliseconds(1));
  p.net.run_until(seconds(4));
  const auto& got = p.b.delivered(2);
  expect_in_order(got);
  // Starting mid-stream, first packets overtaken by later ones are too old.
  EXPECT_EQ(got.size(), 1000 - p.net.stats().lost_to.at(kB) - p.b.demux().drops()[gre::DropReason::kTooOld]);
  EXPECT_LE(p.b.demux().drops()[gre::DropReason::kTooOld], 3u);
}

TEST(GreSim, TenThousandSessionsThroughOneDemux) {
  constexpr std::uint16_t kSessions = 10000;
  Network net(5, impaired());
  Host server(net, kA), client(net, kB);
  for (std::uint16_t i = 1; i <= kSessions; ++i) {
    server.open(i, kB, config(static_cast<std::uint16_t>(i + kSessions)));
    client.open(static_cast<std::uint16_t>(i + kSessions), kA, config(i));
  }
  for (std::uint16_t i = 1; i <= kSessions; ++i) {
    for (int k = 0; k < 5; ++k) {
      net.schedule(milliseconds(k * 10 + i % 10), [&, i, k](Timestamp) {
        client.send(static_cast<std::uint16_t>(i + kSessions),
                    payload(std::uint64_t{i} << 8 | static_cast<std::uint64_t>(k)));
      });
    }
  }
  net.run_until(seconds(2));
  std::size_t delivered = 0;
  for (std::uint16_t i = 1; i <= kSessions; ++i) {
    const auto& got = server.delivered(i);
    expect_in_order(got);
    for (const auto& p : got) ASSERT_EQ(id(p) >> 8, i);
    delivered += got.size();
  }
  EXPECT_EQ(delivered, 5u * kSessions - net.stats().lost_to.at(kA));
  EXPECT_EQ(server.demux().drops()[gre::DropReason::kUnknownCall], 0u);
  EXPECT_EQ(server.demux().drops()[gre::DropReason::kWrongPeer], 0u);
}

std::uint64_t trace(std::uint64_t seed) {
  Pair p(seed, impaired());
  p.stream(0, 500, milliseconds(0), milliseconds(1));
  p.net.schedule(milliseconds(3), [&](Timestamp) { p.b.send(2, payload(7)); });
  p.net.run_until(seconds(2));
  return p.net.trace_hash();
}

TEST(GreSim, SameSeedSameRun) {
  EXPECT_EQ(trace(42), trace(42));
  EXPECT_NE(trace(42), trace(43));
}

}  // namespace
}  // namespace pptpkit::sim
