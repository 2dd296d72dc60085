// The endpoint's small tables: routes and anti-spoofing, the deadline
// queue, the session counter and the packet queue.
#include <gtest/gtest.h>

#include <vector>

#include "endpoint/deadline_queue.h"
#include "endpoint/packet_queue.h"
#include "endpoint/route_table.h"
#include "endpoint/session_limits.h"
#include "sim/endpoint_fixture.h"

namespace pptpkit::endpoint {
namespace {

using std::chrono::milliseconds;

TEST(EndpointRouteTable, RoutesByDestinationAndOwnsAddresses) {
  RouteTable routes;
  EXPECT_TRUE(routes.add(0xC6120002, 7));
  EXPECT_FALSE(routes.add(0xC6120002, 8));  // taken
  EXPECT_EQ(routes.find(0xC6120002), 7);
  EXPECT_FALSE(routes.find(0xC6120003));
  routes.remove(0xC6120002, 8);  // not its owner: kept
  EXPECT_EQ(routes.find(0xC6120002), 7);
  routes.remove(0xC6120002, 7);
  EXPECT_FALSE(routes.find(0xC6120002));
  EXPECT_EQ(routes.size(), 0u);
}

TEST(EndpointRouteTable, SourceCheckAcceptsOnlyTheAssignedAddress) {
  const auto good = sim::make_packet(0xC6120002, 0xC6130001, 1, 1);
  const auto spoofed = sim::make_packet(0xC6120009, 0xC6130001, 1, 1);
  EXPECT_TRUE(source_allowed(good, 0xC6120002));
  EXPECT_FALSE(source_allowed(spoofed, 0xC6120002));
  const std::vector<std::uint8_t> garbage{0x60, 0, 0, 0};
  EXPECT_FALSE(source_allowed(garbage, 0xC6120002));
  EXPECT_FALSE(ipv4_addresses(garbage));
  EXPECT_EQ(ipv4_addresses(good)->destination, 0xC6130001u);
}

TEST(EndpointDeadlineQueue, EarliestFirstAndRearmReplaces) {
  DeadlineQueue q;
  EXPECT_FALSE(q.next());
  q.arm(1, milliseconds(30));
  q.arm(2, milliseconds(10));
  q.arm(3, milliseconds(20));
  EXPECT_EQ(q.next(), milliseconds(10));
  q.arm(2, milliseconds(40));  // moved later: its old entry is stale
  EXPECT_EQ(q.next(), milliseconds(20));
  q.disarm(3);
  EXPECT_EQ(q.next(), milliseconds(30));
  EXPECT_FALSE(q.pop_due(milliseconds(29)));
  EXPECT_EQ(q.pop_due(milliseconds(35)), 1u);
  EXPECT_FALSE(q.pop_due(milliseconds(35)));
  EXPECT_EQ(q.pop_due(milliseconds(40)), 2u);
  EXPECT_EQ(q.armed(), 0u);
  EXPECT_FALSE(q.next());
}

TEST(EndpointDeadlineQueue, StaleEntriesStayBounded) {
  DeadlineQueue q;
  for (std::uint64_t key = 0; key < 100; ++key) q.arm(key, milliseconds(1000 + key));
  for (int round = 0; round < 10000; ++round)
    q.arm(static_cast<std::uint64_t>(round % 100), milliseconds(round));
  EXPECT_EQ(q.armed(), 100u);
  EXPECT_LE(q.heap_size(), 2 * 100u + 1);
  EXPECT_EQ(q.next(), milliseconds(9900));
}

TEST(EndpointSessionCounter, LimitsInAllAndPerUser) {
  SessionCounter counter(SessionLimits{2, 1});
  EXPECT_TRUE(counter.admits_session(1));
  EXPECT_FALSE(counter.admits_session(2));
  EXPECT_TRUE(counter.enter("alice"));
  EXPECT_FALSE(counter.enter("alice"));
  EXPECT_TRUE(counter.enter("bob"));
  EXPECT_EQ(counter.sessions_of("alice"), 1u);
  counter.leave("alice");
  EXPECT_EQ(counter.sessions_of("alice"), 0u);
  EXPECT_TRUE(counter.enter("alice"));
  SessionCounter unlimited(SessionLimits{10, 0});
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(unlimited.enter("carol"));
}

TEST(EndpointPacketQueue, FifoWithRecycledBuffers) {
  PacketQueue q;
  const std::uint8_t* first_buffer = nullptr;
  for (int round = 0; round < 4; ++round) {
    for (std::uint8_t i = 0; i < 3; ++i) {
      MutableBytes b = q.prepare(10);
      b[2] = i;
      q.commit(i, 2, 1);
    }
    for (std::uint8_t i = 0; i < 3; ++i) {
      const auto p = q.pop();
      ASSERT_TRUE(p);
      EXPECT_EQ(p->address, i);
      ASSERT_EQ(p->bytes.size(), 1u);
      EXPECT_EQ(p->bytes[0], i);
      if (round == 1 && i == 0) first_buffer = p->bytes.data();
    }
    EXPECT_FALSE(q.pop());
  }
  // After warm-up the same buffers come round again: nothing was allocated.
  EXPECT_NE(first_buffer, nullptr);
  bool reused = false;
  for (int i = 0; i < 4; ++i) {
    (void)q.prepare(10);
    q.commit(0, 2, 1);
    reused = reused || q.pop()->bytes.data() == first_buffer;
  }
  EXPECT_TRUE(reused);
}

}  // namespace
}  // namespace pptpkit::endpoint
