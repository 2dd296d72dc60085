// ADDR[:PORT] parsing for --listen, --server and probe, and the names log
// lines give endpoints.
#include <gtest/gtest.h>

#include "net/endpoint_text.h"

namespace pptpkit::net {
namespace {

std::string round_trip(std::string_view text) {
  auto endpoint = parse_endpoint(text);
  return endpoint ? to_string(*endpoint) : "error: " + endpoint.error();
}

TEST(EndpointText, ParsesIpv4WithAndWithoutPort) {
  EXPECT_EQ(round_trip("192.0.2.1"), "192.0.2.1:1723");
  EXPECT_EQ(round_trip("192.0.2.1:8000"), "192.0.2.1:8000");
  EXPECT_EQ(round_trip("0.0.0.0"), "0.0.0.0:1723");
}

TEST(EndpointText, ParsesIpv6InBracketsOrBare) {
  EXPECT_EQ(round_trip("[2001:db8::1]:8000"), "[2001:db8::1]:8000");
  EXPECT_EQ(round_trip("[2001:db8::1]"), "[2001:db8::1]:1723");
  EXPECT_EQ(round_trip("2001:db8::1"), "[2001:db8::1]:1723");
  EXPECT_EQ(round_trip("[::]:1723"), "[::]:1723");
}

TEST(EndpointText, DefaultPortIsTheCallersChoice) {
  auto endpoint = parse_endpoint("192.0.2.1", 9);
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->port(), 9);
}

TEST(EndpointText, RefusesWhatIsNotAnAddressOrPort) {
  for (const char* bad : {"", "example.com", "192.0.2.1:", "192.0.2.1:0", "192.0.2.1:65536", "192.0.2.1:x",
                          "[2001:db8::1", "[2001:db8::1]x", "[2001:db8::1]:", "192.0.2.300"}) {
    EXPECT_FALSE(parse_endpoint(bad)) << bad;
  }
  EXPECT_EQ(round_trip("192.0.2.1:99999"), "error: '192.0.2.1:99999': port must be a number from 1 to 65535");
}

TEST(EndpointText, Ipv4InHostOrderForTheCollisionRule) {
  EXPECT_EQ(ipv4_host_order(asio::ip::make_address("192.0.2.1")), 0xC0000201U);
  EXPECT_EQ(ipv4_host_order(asio::ip::make_address("::ffff:192.0.2.1")), 0xC0000201U);
  EXPECT_EQ(ipv4_host_order(asio::ip::make_address("2001:db8::1")), 0U);
}

}  // namespace
}  // namespace pptpkit::net
