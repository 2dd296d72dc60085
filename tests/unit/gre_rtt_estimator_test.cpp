#include "gre/rtt_estimator.h"

#include <gtest/gtest.h>

namespace pptpkit::gre {
namespace {

using std::chrono::milliseconds;

RttConfig config(milliseconds ppd = milliseconds(0)) {
  return RttConfig{ppd, milliseconds(10), milliseconds(1000)};
}

TEST(GreRttEstimator, StartsFromPacketProcessingDelay) {
  // RFC 2637 A.1: RTT starts at PPD, DEV at 0.
  RttEstimator rtt(config(milliseconds(300)));
  EXPECT_EQ(rtt.rtt(), milliseconds(300));
  EXPECT_EQ(rtt.deviation(), milliseconds(0));
  EXPECT_EQ(rtt.timeout(), milliseconds(300));
}

TEST(GreRttEstimator, FollowsAppendixA1) {
  RttEstimator rtt(config());
  rtt.on_sample(milliseconds(80));
  // DIFF = 80; DEV = 0 + (80 - 0) / 4 = 20; RTT = 0 + 80 / 8 = 10; ATO = 10 + 4 * 20.
  EXPECT_EQ(rtt.deviation(), milliseconds(20));
  EXPECT_EQ(rtt.rtt(), milliseconds(10));
  EXPECT_EQ(rtt.timeout(), milliseconds(90));
  rtt.on_sample(milliseconds(10));
  // DIFF = 0; DEV = 20 + (0 - 20) / 4 = 15; RTT = 10; ATO = 70.
  EXPECT_EQ(rtt.deviation(), milliseconds(15));
  EXPECT_EQ(rtt.timeout(), milliseconds(70));
}

TEST(GreRttEstimator, ConvergesOnAStablePath) {
  RttEstimator rtt(config());
  for (int i = 0; i < 200; ++i) rtt.on_sample(milliseconds(40));
  EXPECT_NEAR(static_cast<double>(rtt.rtt().count()), 40e6, 1e5);
  EXPECT_LT(rtt.timeout(), milliseconds(41));
}

TEST(GreRttEstimator, IsBoundedBothWays) {
  RttEstimator rtt(config());
  rtt.on_sample(milliseconds(0));
  EXPECT_EQ(rtt.timeout(), milliseconds(10));  // floor
  for (int i = 0; i < 10; ++i) rtt.on_sample(milliseconds(5000));
  EXPECT_EQ(rtt.timeout(), milliseconds(1000));  // MaxTimeOut
}

TEST(GreRttEstimator, NeverBelowPacketProcessingDelay) {
  RttEstimator rtt(config(milliseconds(200)));
  for (int i = 0; i < 100; ++i) rtt.on_sample(milliseconds(1));
  EXPECT_EQ(rtt.timeout(), milliseconds(200));
}

TEST(GreRttEstimator, BacksOffOnTimeout) {
  RttEstimator rtt(config(milliseconds(100)));
  rtt.on_timeout();
  EXPECT_EQ(rtt.timeout(), milliseconds(200));  // A.2: doubled
  for (int i = 0; i < 10; ++i) rtt.on_timeout();
  EXPECT_EQ(rtt.timeout(), milliseconds(1000));
}

}  // namespace
}  // namespace pptpkit::gre
