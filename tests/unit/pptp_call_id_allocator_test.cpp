#include "pptp/call_id_allocator.h"

#include <gtest/gtest.h>

#include <set>

using namespace pptpkit;
using namespace std::chrono_literals;
using pptp::CallIdAllocator;

namespace {

// Always draws the same value: exercises the fallback scan.
class ConstantRandom final : public RandomSource {
 public:
  explicit ConstantRandom(std::uint32_t v) : v_(v) {}
  void fill(MutableBytes out) override {
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>(v_ >> (8 * (3 - i % 4)));
  }

 private:
  std::uint32_t v_;
};

TEST(CallIdAllocator, HandsOutDistinctNonZeroIdsUpToTheLimit) {
  SeededRandom random(7);
  CallIdAllocator allocator(random, {.max_calls = 500, .quarantine = 10s});
  std::set<std::uint16_t> ids;
  for (int i = 0; i < 500; ++i) {
    auto id = allocator.allocate(0s);
    ASSERT_TRUE(id);
    EXPECT_NE(*id, 0);
    EXPECT_TRUE(ids.insert(*id).second);
  }
  EXPECT_EQ(allocator.in_use(), 500u);
  EXPECT_FALSE(allocator.allocate(0s));
  allocator.release(*ids.begin(), 1s);
  EXPECT_EQ(allocator.in_use(), 499u);
  EXPECT_TRUE(allocator.allocate(1s));
}

TEST(CallIdAllocator, DrawsUnpredictablyNotSequentially) {
  SeededRandom random(1);
  CallIdAllocator allocator(random);
  const auto a = *allocator.allocate(0s);
  const auto b = *allocator.allocate(0s);
  EXPECT_NE(static_cast<int>(b) - static_cast<int>(a), 1);
  // Another seed, another sequence.
  SeededRandom other(2);
  CallIdAllocator allocator2(other);
  EXPECT_NE(*allocator2.allocate(0s), a);
}

TEST(CallIdAllocator, QuarantinesReleasedIds) {
  ConstantRandom random(5);  // always proposes ID 5
  CallIdAllocator allocator(random, {.max_calls = 10, .quarantine = 60s});
  EXPECT_EQ(*allocator.allocate(0s), 5);
  allocator.release(5, 1s);
  EXPECT_EQ(*allocator.allocate(30s), 6);  // 5 is quarantined: the scan moves on
  EXPECT_EQ(*allocator.allocate(61s), 5);  // quarantine over
}

TEST(CallIdAllocator, NeverHandsOutZeroEvenWhenDrawn) {
  ConstantRandom random(0);
  CallIdAllocator allocator(random);
  EXPECT_EQ(*allocator.allocate(0s), 1);
}

TEST(CallIdAllocator, IgnoresReleasingAnIdNotInUse) {
  SeededRandom random(3);
  CallIdAllocator allocator(random);
  const auto id = *allocator.allocate(0s);
  allocator.release(id, 0s);
  allocator.release(id, 0s);
  allocator.release(0, 0s);
  allocator.release(static_cast<std::uint16_t>(id + 1), 0s);
  EXPECT_EQ(allocator.in_use(), 0u);
}

TEST(CallIdAllocator, RefusesWhenEveryIdIsTakenOrQuarantined) {
  SeededRandom random(9);
  CallIdAllocator allocator(random, {.max_calls = 70000, .quarantine = 60s});
  for (int i = 0; i < 65535; ++i) ASSERT_TRUE(allocator.allocate(0s));
  EXPECT_FALSE(allocator.allocate(0s));
  allocator.release(77, 0s);
  EXPECT_FALSE(allocator.allocate(59s));
  EXPECT_EQ(*allocator.allocate(60s), 77);
}

}  // namespace
