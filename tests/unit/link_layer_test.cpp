#include "tools/link_layer.h"

#include <gtest/gtest.h>

#include <vector>

namespace pptpkit::tools {
namespace {

using Frame = std::vector<std::uint8_t>;

// A stand-in IPv4 header start: version 4, IHL 5.
const Frame kIp{0x45, 0x00, 0x00, 0x14};

Frame concat(Frame a, const Frame& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const Frame kMacs(12, 0xAA);

TEST(LinkLayer, EthernetIpv4) {
  const Frame frame = concat(concat(kMacs, {0x08, 0x00}), kIp);
  auto packet = strip_link_layer(kLinkEthernet, frame);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->ethertype, kEtherTypeIpv4);
  EXPECT_EQ(Frame(packet->payload.begin(), packet->payload.end()), kIp);
}

TEST(LinkLayer, EthernetWithStackedVlanTags) {
  // 802.1ad outer tag (VLAN 100), 802.1Q inner tag (VLAN 7), then IPv4.
  const Frame frame =
      concat(concat(kMacs, {0x88, 0xA8, 0x00, 0x64, 0x81, 0x00, 0x00, 0x07, 0x08, 0x00}), kIp);
  auto packet = strip_link_layer(kLinkEthernet, frame);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->ethertype, kEtherTypeIpv4);
  EXPECT_EQ(packet->payload.size(), kIp.size());
}

TEST(LinkLayer, EthernetTruncated) {
  EXPECT_EQ(strip_link_layer(kLinkEthernet, Frame(13, 0)).error(), LinkError::kTruncated);
  // A VLAN tag cut in half.
  EXPECT_EQ(strip_link_layer(kLinkEthernet, concat(kMacs, {0x81, 0x00, 0x00})).error(),
            LinkError::kTruncated);
}

TEST(LinkLayer, EthernetArpIsNotAnError) {
  const Frame arp = concat(kMacs, {0x08, 0x06, 0x00, 0x01});
  auto packet = strip_link_layer(kLinkEthernet, arp);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->ethertype, 0x0806);
}

TEST(LinkLayer, LinuxCookedV1) {
  // packet type 0 (to us), ARPHRD_ETHER, 6-octet address, 8 address octets, protocol.
  const Frame header{0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00};
  const Frame frame = concat(header, kIp);  // the payload is a view into it
  auto packet = strip_link_layer(kLinkLinuxSll, frame);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->ethertype, kEtherTypeIpv4);
  EXPECT_EQ(Frame(packet->payload.begin(), packet->payload.end()), kIp);
  EXPECT_EQ(strip_link_layer(kLinkLinuxSll, Frame(header.begin(), header.end() - 1)).error(),
            LinkError::kTruncated);
}

TEST(LinkLayer, LinuxCookedV2) {
  // protocol, reserved, ifindex 2, ARPHRD_ETHER, packet type, address length, address.
  const Frame header{0x08, 0x00, 0, 0, 0, 0, 0, 2, 0x00, 0x01, 0x00, 0x06, 1, 2, 3, 4, 5, 6, 0, 0};
  const Frame frame = concat(header, kIp);
  auto packet = strip_link_layer(kLinkLinuxSll2, frame);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->ethertype, kEtherTypeIpv4);
  EXPECT_EQ(Frame(packet->payload.begin(), packet->payload.end()), kIp);
  EXPECT_EQ(strip_link_layer(kLinkLinuxSll2, Frame(19, 0)).error(), LinkError::kTruncated);
}

TEST(LinkLayer, RawIpUsesTheVersionNibble) {
  auto v4 = strip_link_layer(kLinkRaw, kIp);
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->ethertype, kEtherTypeIpv4);
  EXPECT_EQ(v4->payload.size(), kIp.size());
  const Frame ipv6{0x60, 0, 0, 0};
  auto v6 = strip_link_layer(kLinkRaw, ipv6);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->ethertype, kEtherTypeIpv6);
  EXPECT_EQ(strip_link_layer(kLinkRaw, Frame{0x50}).error(), LinkError::kUnknownIpVersion);
  EXPECT_EQ(strip_link_layer(kLinkRaw, Frame{}).error(), LinkError::kTruncated);
  auto ipv4 = strip_link_layer(kLinkIpv4, kIp);
  ASSERT_TRUE(ipv4);
  EXPECT_EQ(ipv4->ethertype, kEtherTypeIpv4);
}

TEST(LinkLayer, UnknownLinkType) {
  EXPECT_FALSE(is_supported_link_type(105));  // 802.11
  EXPECT_TRUE(is_supported_link_type(kLinkLinuxSll2));
  EXPECT_EQ(strip_link_layer(105, kIp).error(), LinkError::kUnsupportedLinkType);
}

}  // namespace
}  // namespace pptpkit::tools
