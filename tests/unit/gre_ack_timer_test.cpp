#include "gre/ack_timer.h"

#include <gtest/gtest.h>

namespace pptpkit::gre {
namespace {

using std::chrono::milliseconds;

TEST(GreAckTimer, NothingToAckBeforeTheFirstDelivery) {
  AckTimer timer(milliseconds(20), 8);
  EXPECT_EQ(timer.ack_number(), std::nullopt);
  EXPECT_EQ(timer.deadline(), std::nullopt);
  EXPECT_FALSE(timer.due(milliseconds(1000)));
}

TEST(GreAckTimer, AcksAfterTheDelayFromTheFirstUnackedDelivery) {
  AckTimer timer(milliseconds(20), 8);
  timer.on_delivered(milliseconds(100), 0);  // a first sequence number of 0 is acked too
  timer.on_delivered(milliseconds(110), 1);
  EXPECT_EQ(timer.ack_number(), 1u);
  EXPECT_EQ(timer.deadline(), milliseconds(120));
  EXPECT_FALSE(timer.due(milliseconds(119)));
  EXPECT_TRUE(timer.due(milliseconds(120)));
}

TEST(GreAckTimer, AcksAtOnceWhenEnoughIsUnacked) {
  AckTimer timer(milliseconds(20), 3);
  timer.on_delivered(milliseconds(100), 1);
  timer.on_delivered(milliseconds(101), 2);
  EXPECT_FALSE(timer.due(milliseconds(102)));
  timer.on_delivered(milliseconds(102), 3);
  EXPECT_TRUE(timer.due(milliseconds(102)));
}

TEST(GreAckTimer, APiggybackedAckClearsIt) {
  AckTimer timer(milliseconds(20), 8);
  timer.on_delivered(milliseconds(100), 7);
  timer.on_ack_sent();
  EXPECT_EQ(timer.deadline(), std::nullopt);
  EXPECT_EQ(timer.ack_number(), 7u);  // still piggybacked on later data
}

}  // namespace
}  // namespace pptpkit::gre
