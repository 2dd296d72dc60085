#include "gre/ack_timer.h"

#include <gtest/gtest.h>

namespace pptpkit::gre {
namespace {

using std::chrono::milliseconds;

TEST(GreAckTimer, NothingToAckBeforeTheFirstPacket) {
  AckTimer timer(milliseconds(20), 8);
  EXPECT_EQ(timer.ack_number(), std::nullopt);
  EXPECT_EQ(timer.deadline(), std::nullopt);
  EXPECT_FALSE(timer.due(milliseconds(1000)));
}

TEST(GreAckTimer, AcksAfterTheDelayFromTheFirstUnackedPacket) {
  AckTimer timer(milliseconds(20), 8);
  timer.on_received(milliseconds(100), 0);  // a first sequence number of 0 is acked too
  timer.on_received(milliseconds(110), 1);
  EXPECT_EQ(timer.ack_number(), 1u);
  EXPECT_EQ(timer.deadline(), milliseconds(120));
  EXPECT_FALSE(timer.due(milliseconds(119)));
  EXPECT_TRUE(timer.due(milliseconds(120)));
}

TEST(GreAckTimer, AcksAtOnceWhenEnoughIsUnacked) {
  AckTimer timer(milliseconds(20), 3);
  timer.on_received(milliseconds(100), 1);
  timer.on_received(milliseconds(101), 2);
  EXPECT_FALSE(timer.due(milliseconds(102)));
  timer.on_received(milliseconds(102), 3);
  EXPECT_TRUE(timer.due(milliseconds(102)));
}

TEST(GreAckTimer, AcksTheHighestAcceptedSequenceNumber) {
  AckTimer timer(milliseconds(20), 8);
  timer.on_received(milliseconds(0), 5);  // held beyond a gap
  timer.on_received(milliseconds(1), 3);  // fills part of it
  EXPECT_EQ(timer.ack_number(), 5u);
  timer.on_received(milliseconds(2), 0xFFFFFFFFu);  // behind, in serial order
  EXPECT_EQ(timer.ack_number(), 5u);
}

TEST(GreAckTimer, APiggybackedAckClearsIt) {
  AckTimer timer(milliseconds(20), 8);
  timer.on_received(milliseconds(100), 7);
  timer.on_ack_sent();
  EXPECT_EQ(timer.deadline(), std::nullopt);
  EXPECT_EQ(timer.ack_number(), 7u);  // still piggybacked on later data
}

}  // namespace
}  // namespace pptpkit::gre
