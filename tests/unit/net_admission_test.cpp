// Admission limits: total and per source address, refusals counted, slots
// returned on release, new limits (a reload) for the next connection.
#include <gtest/gtest.h>

#include "net/admission.h"

namespace pptpkit::net {
namespace {

const auto kA = asio::ip::make_address("192.0.2.2");
const auto kB = asio::ip::make_address("192.0.2.3");
const auto kV6 = asio::ip::make_address("2001:db8::2");

TEST(Admission, RefusesBeyondThePerSourceLimitOnly) {
  Admission admission({.max_connections = 10, .max_per_source = 2});
  EXPECT_FALSE(admission.admit(kA));
  EXPECT_FALSE(admission.admit(kA));
  EXPECT_EQ(admission.admit(kA), Refusal::kSourceLimit);
  EXPECT_FALSE(admission.admit(kB));
  EXPECT_FALSE(admission.admit(kV6));
  EXPECT_EQ(admission.active(), 4U);
  EXPECT_EQ(admission.active_from(kA), 2U);
  EXPECT_EQ(admission.refused(Refusal::kSourceLimit), 1U);
  EXPECT_EQ(admission.refused(Refusal::kTotalLimit), 0U);
}

TEST(Admission, RefusesBeyondTheTotalLimit) {
  Admission admission({.max_connections = 2, .max_per_source = 5});
  EXPECT_FALSE(admission.admit(kA));
  EXPECT_FALSE(admission.admit(kB));
  EXPECT_EQ(admission.admit(kV6), Refusal::kTotalLimit);
  EXPECT_EQ(admission.active_from(kV6), 0U);
  EXPECT_EQ(admission.refused(Refusal::kTotalLimit), 1U);
}

TEST(Admission, ReleaseFreesTheSlot) {
  Admission admission({.max_connections = 1, .max_per_source = 1});
  EXPECT_FALSE(admission.admit(kA));
  EXPECT_EQ(admission.admit(kA), Refusal::kTotalLimit);
  admission.release(kA);
  EXPECT_EQ(admission.active(), 0U);
  EXPECT_EQ(admission.active_from(kA), 0U);
  EXPECT_FALSE(admission.admit(kA));
}

TEST(Admission, ReleasingAnUnknownSourceChangesNothing) {
  Admission admission({});
  EXPECT_FALSE(admission.admit(kA));
  admission.release(kB);
  EXPECT_EQ(admission.active(), 1U);
}

TEST(Admission, NewLimitsApplyToTheNextConnectionAndKeepTheAdmitted) {
  Admission admission({.max_connections = 10, .max_per_source = 2});
  EXPECT_FALSE(admission.admit(kA));
  EXPECT_FALSE(admission.admit(kA));
  admission.set_limits({.max_connections = 10, .max_per_source = 3});
  EXPECT_FALSE(admission.admit(kA));
  admission.set_limits({.max_connections = 10, .max_per_source = 1});
  EXPECT_EQ(admission.active_from(kA), 3U);  // above the new limit, still counted
  EXPECT_EQ(admission.admit(kA), Refusal::kSourceLimit);
  admission.release(kA);
  admission.release(kA);
  EXPECT_EQ(admission.admit(kA), Refusal::kSourceLimit);  // one left: the limit
  admission.release(kA);
  EXPECT_FALSE(admission.admit(kA));
}

}  // namespace
}  // namespace pptpkit::net
