// The VPN client's route plan: prefixes parsed strictly, the default route
// as two /1 routes, the server pinned whenever a tunnel route covers it,
// and the refusals (a /0, the server's own /32, duplicates).
#include <gtest/gtest.h>

#include "client/route_plan.h"

namespace pptpkit::client {
namespace {

constexpr std::uint32_t kServer = 0xC000020A;  // 192.0.2.10

Ipv4Prefix prefix(std::string_view text) {
  auto parsed = parse_ipv4_prefix(text);
  EXPECT_TRUE(parsed) << text << ": " << (parsed ? "" : parsed.error());
  return parsed ? *parsed : Ipv4Prefix{};
}

TEST(RoutePlanPrefix, ParsesAndPrintsBack) {
  EXPECT_EQ(prefix("198.51.100.0/24"), (Ipv4Prefix{0xC6336400, 24}));
  EXPECT_EQ(prefix("0.0.0.0/0"), (Ipv4Prefix{0, 0}));
  EXPECT_EQ(prefix("192.0.2.10/32"), (Ipv4Prefix{kServer, 32}));
  EXPECT_EQ(to_string(prefix("128.0.0.0/1")), "128.0.0.0/1");
}

TEST(RoutePlanPrefix, RefusesMalformedText) {
  for (const char* bad : {"", "198.51.100.0", "198.51.100.0/", "198.51.100.0/33", "198.51.100/24",
                          "198.51.100.0.1/24", "256.0.0.0/8", "a.b.c.d/8", "198.51.100.0/24x",
                          "198.51.100.0/-1", "198.51.100.0 /24", "2001:db8::/32"}) {
    EXPECT_FALSE(parse_ipv4_prefix(bad)) << bad;
  }
}

TEST(RoutePlanPrefix, RefusesHostBitsAndNamesTheNetwork) {
  auto parsed = parse_ipv4_prefix("198.51.100.7/24");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().find("198.51.100.0/24"), std::string::npos) << parsed.error();
}

TEST(RoutePlanPrefix, ContainsChecksTheNetworkBits) {
  EXPECT_TRUE(contains(prefix("192.0.2.0/24"), kServer));
  EXPECT_FALSE(contains(prefix("192.0.3.0/24"), kServer));
  EXPECT_TRUE(contains(prefix("128.0.0.0/1"), kServer));
  EXPECT_FALSE(contains(prefix("0.0.0.0/1"), kServer));
  EXPECT_TRUE(contains(prefix("192.0.2.10/32"), kServer));
}

TEST(RoutePlan, RoutesAwayFromTheServerNeedNoPin) {
  auto plan = plan_routes({{prefix("198.51.100.0/24"), prefix("203.0.113.0/25")}, false}, kServer);
  ASSERT_TRUE(plan) << plan.error();
  EXPECT_EQ(plan->through_tunnel, (std::vector{prefix("198.51.100.0/24"), prefix("203.0.113.0/25")}));
  EXPECT_FALSE(plan->pin_server);
}

TEST(RoutePlan, DefaultRouteIsTwoHalvesAfterTheUsersRoutesAndPinsTheServer) {
  auto plan = plan_routes({{prefix("198.51.100.0/24")}, true}, kServer);
  ASSERT_TRUE(plan) << plan.error();
  EXPECT_EQ(plan->through_tunnel,
            (std::vector{prefix("198.51.100.0/24"), prefix("0.0.0.0/1"), prefix("128.0.0.0/1")}));
  EXPECT_TRUE(plan->pin_server);
}

TEST(RoutePlan, ARouteCoveringTheServerPinsIt) {
  auto plan = plan_routes({{prefix("192.0.0.0/16")}, false}, kServer);
  ASSERT_TRUE(plan) << plan.error();
  EXPECT_TRUE(plan->pin_server);
}

TEST(RoutePlan, NothingAskedNothingPlanned) {
  auto plan = plan_routes({}, kServer);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->through_tunnel.empty());
  EXPECT_FALSE(plan->pin_server);
}

TEST(RoutePlan, RefusesTheServersOwnAddressAZeroPrefixAndDuplicates) {
  auto loop = plan_routes({{prefix("192.0.2.10/32")}, false}, kServer);
  ASSERT_FALSE(loop);
  EXPECT_NE(loop.error().find("server"), std::string::npos) << loop.error();

  auto everything = plan_routes({{prefix("0.0.0.0/0")}, false}, kServer);
  ASSERT_FALSE(everything);
  EXPECT_NE(everything.error().find("--default-route"), std::string::npos) << everything.error();

  EXPECT_FALSE(plan_routes({{prefix("198.51.100.0/24"), prefix("198.51.100.0/24")}, false}, kServer));
  auto half = plan_routes({{prefix("128.0.0.0/1")}, true}, kServer);
  ASSERT_FALSE(half);
  EXPECT_NE(half.error().find("128.0.0.0/1"), std::string::npos) << half.error();
}

}  // namespace
}  // namespace pptpkit::client
