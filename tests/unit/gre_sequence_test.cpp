#include "gre/sequence.h"

#include <gtest/gtest.h>

namespace pptpkit::gre {
namespace {

TEST(GreSequence, OrdersBySerialArithmetic) {
  EXPECT_TRUE(seq_after(2, 1));
  EXPECT_FALSE(seq_after(1, 1));
  EXPECT_TRUE(seq_before(1, 2));
  EXPECT_EQ(seq_distance(5, 2), 3);
  EXPECT_EQ(seq_distance(2, 5), -3);
}

TEST(GreSequence, SurvivesWrapAround) {
  EXPECT_TRUE(seq_after(0, 0xFFFFFFFFu));
  EXPECT_TRUE(seq_after(5, 0xFFFFFFF0u));
  EXPECT_TRUE(seq_before(0xFFFFFFF0u, 5));
  EXPECT_EQ(seq_distance(1, 0xFFFFFFFFu), 2);
}

TEST(GreSequence, HalfTheSpaceAheadIsBehind) {
  // RFC 1982 3.2: at exactly 2^31 apart the order is undefined; the signed
  // cast makes it "before", so a far-ahead number never counts as newer.
  EXPECT_FALSE(seq_after(0x80000000u, 0));
  EXPECT_TRUE(seq_after(0x7FFFFFFFu, 0));
}

}  // namespace
}  // namespace pptpkit::gre
