#include <gtest/gtest.h>

#include "endpoint/ip_pool.h"

namespace pptpkit::endpoint {
namespace {

ppp::AllowedAddresses any() { return ppp::AllowedAddresses{true, {}}; }

IpPoolConfig small_pool() {
  IpPoolConfig config;
  config.local = 0xC6120001;
  config.ranges = {AddressRange::from_prefix({0xC6120000, 29})};  // .1-.6, .1 is local
  config.primary_dns = 0x08080808;
  return config;
}

TEST(EndpointIpPool, PrefixCoversItsHostsOnly) {
  const AddressRange r = AddressRange::from_prefix({0xC6120000, 24});
  EXPECT_EQ(r.first, 0xC6120001u);
  EXPECT_EQ(r.last, 0xC61200FEu);
  const AddressRange host = AddressRange::from_prefix({0xC6120005, 32});
  EXPECT_EQ(host.first, 0xC6120005u);
  EXPECT_EQ(host.last, 0xC6120005u);
}

TEST(EndpointIpPool, HandsOutRoundRobinAndSkipsTheLocalAddress) {
  IpPool pool(small_pool());
  EXPECT_EQ(pool.capacity(), 6u);
  const auto a = pool.allocate(any());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->local, 0xC6120001u);
  EXPECT_EQ(a->peer, 0xC6120002u);
  EXPECT_EQ(a->primary_dns, 0x08080808u);
  pool.release(a->peer);
  // A released address is reused as late as possible.
  EXPECT_EQ(pool.allocate(any())->peer, 0xC6120003u);
}

TEST(EndpointIpPool, ExhaustionIsAnErrorAndReleaseRefills) {
  IpPool pool(small_pool());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(pool.allocate(any()));
  const auto none = pool.allocate(any());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error(), PoolError::kExhausted);
  EXPECT_FALSE(pool.assign("alice", any()));
  pool.release(0xC6120004);
  EXPECT_EQ(pool.allocate(any())->peer, 0xC6120004u);
  EXPECT_EQ(pool.in_use(), 5u);
}

TEST(EndpointIpPool, StaticAddressFromTheSecret) {
  IpPool pool(small_pool());
  const ppp::AllowedAddresses fixed{false, {{0x0A000005, 32}}};  // outside the ranges
  const auto a = pool.allocate(fixed);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->peer, 0x0A000005u);
  const auto again = pool.allocate(fixed);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), PoolError::kStaticInUse);
  pool.release(0x0A000005);
  EXPECT_TRUE(pool.allocate(fixed));
  // A static address inside the ranges is taken from them.
  const ppp::AllowedAddresses inside{false, {{0xC6120003, 32}}};
  EXPECT_EQ(pool.allocate(inside)->peer, 0xC6120003u);
  EXPECT_NE(pool.allocate(any())->peer, 0xC6120003u);
}

TEST(EndpointIpPool, AllowedSubnetFiltersAndNothingAllowedRefuses) {
  IpPool pool(small_pool());
  const ppp::AllowedAddresses upper{false, {{0xC6120004, 30}}};  // .4-.7
  EXPECT_EQ(pool.allocate(upper)->peer, 0xC6120004u);
  EXPECT_EQ(pool.allocate(upper)->peer, 0xC6120005u);
  const auto refused = pool.allocate(ppp::AllowedAddresses{});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), PoolError::kNothingAllowed);
}

TEST(EndpointIpPool, SeveralRanges) {
  IpPoolConfig config;
  config.local = 0xC6120001;
  config.ranges = {{0xC6120010, 0xC6120011}, {0xC6120020, 0xC6120020}};
  IpPool pool(config);
  EXPECT_EQ(pool.capacity(), 3u);
  EXPECT_EQ(pool.allocate(any())->peer, 0xC6120010u);
  EXPECT_EQ(pool.allocate(any())->peer, 0xC6120011u);
  EXPECT_EQ(pool.allocate(any())->peer, 0xC6120020u);
  EXPECT_FALSE(pool.allocate(any()));
  pool.release(0xC6120099);  // never handed out: ignored
  EXPECT_EQ(pool.in_use(), 3u);
}

}  // namespace
}  // namespace pptpkit::endpoint
