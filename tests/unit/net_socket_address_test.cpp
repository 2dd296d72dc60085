#include "net/socket_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

namespace pptpkit::net {
namespace {

TEST(NetSocketAddress, Ipv4RoundTripsInNetworkOrder) {
  const gre::IpAddress address = gre::IpAddress::v4(0xC0000214);  // 192.0.2.20
  sockaddr_storage storage;
  ASSERT_EQ(to_sockaddr(address, storage), sizeof(sockaddr_in));
  const auto& in = reinterpret_cast<const sockaddr_in&>(storage);
  EXPECT_EQ(in.sin_family, AF_INET);
  EXPECT_EQ(in.sin_port, 0);
  EXPECT_EQ(ntohl(in.sin_addr.s_addr), 0xC0000214u);
  EXPECT_EQ(from_sockaddr(storage), address);
}

TEST(NetSocketAddress, Ipv6RoundTrips) {
  const gre::IpAddress loopback = gre::IpAddress::v6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  sockaddr_storage storage;
  ASSERT_EQ(to_sockaddr(loopback, storage), sizeof(sockaddr_in6));
  const auto& in6 = reinterpret_cast<const sockaddr_in6&>(storage);
  EXPECT_EQ(in6.sin6_family, AF_INET6);
  EXPECT_TRUE(IN6_IS_ADDR_LOOPBACK(&in6.sin6_addr));
  EXPECT_EQ(from_sockaddr(storage), loopback);
}

TEST(NetSocketAddress, NoFamilyIsNoAddress) {
  sockaddr_storage storage;
  EXPECT_EQ(to_sockaddr(gre::IpAddress{}, storage), 0u);
  EXPECT_EQ(storage.ss_family, AF_UNSPEC);
  EXPECT_EQ(from_sockaddr(storage), gre::IpAddress{});
}

}  // namespace
}  // namespace pptpkit::net
