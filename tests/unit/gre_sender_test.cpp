#include "gre/sender.h"

#include <gtest/gtest.h>

namespace pptpkit::gre {
namespace {

using std::chrono::milliseconds;

SenderConfig config(FlowControl flow, std::uint16_t peer_window) {
  return SenderConfig{flow, peer_window, RttConfig{milliseconds(0), milliseconds(100), milliseconds(1000)}};
}

TEST(GreSender, NumbersFromOne) {
  Sender s(config(FlowControl::kOff, 8));
  EXPECT_EQ(s.on_send(milliseconds(0)), 1u);
  EXPECT_EQ(s.on_send(milliseconds(0)), 2u);
  EXPECT_EQ(s.in_flight(), 2u);
}

TEST(GreSender, StrictStartsAtHalfThePeersWindow) {
  Sender s(config(FlowControl::kStrict, 7));
  EXPECT_EQ(s.window(), 4u);  // RFC 2637 4.2.1, rounded up
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(s.can_send());
    s.on_send(milliseconds(0));
  }
  EXPECT_FALSE(s.can_send());
  EXPECT_EQ(Sender(config(FlowControl::kStrict, 0)).window(), 1u);
}

TEST(GreSender, AcksOpenTheWindowAndGrowIt) {
  Sender s(config(FlowControl::kStrict, 8));
  for (int i = 0; i < 4; ++i) s.on_send(milliseconds(0));
  s.on_ack(milliseconds(30), 4);  // a whole window acknowledged: 4.2.3
  EXPECT_EQ(s.in_flight(), 0u);
  EXPECT_EQ(s.window(), 5u);
  EXPECT_EQ(s.rtt().rtt(), Duration(milliseconds(30)) / 8);
}

TEST(GreSender, IgnoresStaleAndFutureAcks) {
  Sender s(config(FlowControl::kStrict, 8));
  for (int i = 0; i < 3; ++i) s.on_send(milliseconds(0));
  s.on_ack(milliseconds(1), 9);  // never sent
  EXPECT_EQ(s.in_flight(), 3u);
  s.on_ack(milliseconds(1), 2);
  s.on_ack(milliseconds(2), 1);  // older than what was acked
  EXPECT_EQ(s.in_flight(), 1u);
}

TEST(GreSender, TimesTheHighestAcknowledgedPacket) {
  Sender s(config(FlowControl::kOff, 8));
  s.on_send(milliseconds(0));
  s.on_send(milliseconds(40));
  s.on_ack(milliseconds(80), 2);  // sample 40 ms, not 80 (4.3)
  EXPECT_EQ(s.rtt().rtt(), milliseconds(5));
}

TEST(GreSender, TimeoutHalvesTheWindowAndBacksOff) {
  Sender s(config(FlowControl::kStrict, 16));
  s.on_send(milliseconds(0));
  EXPECT_EQ(s.deadline(), milliseconds(100));
  s.on_timeout(milliseconds(99));
  EXPECT_EQ(s.ack_timeouts(), 0u);
  s.on_timeout(milliseconds(100));
  EXPECT_EQ(s.ack_timeouts(), 1u);
  EXPECT_EQ(s.window(), 4u);     // 8 halved (4.2.2)
  EXPECT_EQ(s.in_flight(), 0u);  // taken as lost: the window is free again
  EXPECT_EQ(s.deadline(), std::nullopt);
  EXPECT_EQ(s.rtt().timeout(), milliseconds(200));  // A.2
}

TEST(GreSender, TimerRestartsOnProgress) {
  Sender s(config(FlowControl::kStrict, 16));
  s.on_send(milliseconds(0));
  s.on_send(milliseconds(10));
  s.on_ack(milliseconds(50), 1);
  EXPECT_EQ(s.deadline(), milliseconds(50) + s.rtt().timeout());
}

TEST(GreSender, OffNeverStallsAndHasNoTimer) {
  Sender s(config(FlowControl::kOff, 1));
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(s.can_send());
    s.on_send(milliseconds(i));
  }
  EXPECT_EQ(s.deadline(), std::nullopt);
  s.on_ack(milliseconds(1000), 1000);  // still measures when the peer acks
  EXPECT_EQ(s.in_flight(), 0u);
  EXPECT_EQ(s.rtt().rtt(), Duration(milliseconds(1)) / 8);
}

TEST(GreSender, AcksAcrossWrapAround) {
  SenderConfig c = config(FlowControl::kStrict, 16);
  c.first_sequence = 0xFFFFFFFEu;
  Sender s(c);
  EXPECT_EQ(s.on_send(milliseconds(0)), 0xFFFFFFFEu);
  EXPECT_EQ(s.on_send(milliseconds(0)), 0xFFFFFFFFu);
  EXPECT_EQ(s.on_send(milliseconds(0)), 0u);
  EXPECT_EQ(s.on_send(milliseconds(0)), 1u);
  s.on_ack(milliseconds(1), 0xFFFFFFFFu);
  EXPECT_EQ(s.in_flight(), 2u);
  s.on_ack(milliseconds(2), 1);
  EXPECT_EQ(s.in_flight(), 0u);
}

}  // namespace
}  // namespace pptpkit::gre
