// The rate limit of warnings that can repeat at packet rate (GRE send
// failures), on a virtual clock.
#include <gtest/gtest.h>

#include "net/warning_rate_limit.h"

namespace pptpkit::net {
namespace {

using namespace std::chrono_literals;

TEST(WarningRateLimit, TheFirstIsReportedAtOnce) {
  WarningRateLimit limit(10s);
  EXPECT_EQ(limit.occurred(Timestamp(5s)), 1U);
}

TEST(WarningRateLimit, RepeatsWithinTheIntervalAreCountedIntoTheNextReport) {
  WarningRateLimit limit(10s);
  ASSERT_EQ(limit.occurred(Timestamp(0s)), 1U);
  for (int i = 1; i <= 99; ++i) EXPECT_EQ(limit.occurred(Timestamp(i * 100ms)), std::nullopt) << i;
  EXPECT_EQ(limit.occurred(Timestamp(9999ms)), std::nullopt);
  // 99 + 1 suppressed, and this one.
  EXPECT_EQ(limit.occurred(Timestamp(10s)), 101U);
  EXPECT_EQ(limit.occurred(Timestamp(10s + 1ms)), std::nullopt);
}

TEST(WarningRateLimit, TheIntervalRunsFromTheLastReport) {
  WarningRateLimit limit(10s);
  ASSERT_EQ(limit.occurred(Timestamp(0s)), 1U);
  EXPECT_EQ(limit.occurred(Timestamp(25s)), 1U);  // a lone one after a quiet spell
  EXPECT_EQ(limit.occurred(Timestamp(34s)), std::nullopt);
  EXPECT_EQ(limit.occurred(Timestamp(35s)), 2U);
}

}  // namespace
}  // namespace pptpkit::net
