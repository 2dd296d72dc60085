#include "tools/decoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decode_frames.h"
#include "tools/decode_json.h"
#include "tools/link_layer.h"
#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::tools {
namespace {

using namespace testing;

constexpr std::uint8_t kSyn = 0x02;
constexpr std::uint8_t kAck = 0x10;

// Feeds frames numbered from 1 and keeps every event as JSON, since the
// events' views die with the frame.
class DecoderTest : public ::testing::Test {
 protected:
  void feed(const Packet& frame) {
    decoder.feed(record(++frame_number, frame), [&](const Decoded& d) { out.push_back(to_json(d)); });
  }
  void client_to_server(std::uint32_t sequence, std::uint8_t flags, Bytes data = {}) {
    feed(ethernet_ipv4(kClient, kServer, 6, tcp_segment(40000, 1723, sequence, flags, data)));
  }

  Decoder decoder{kLinkEthernet, 512};
  std::uint64_t frame_number = 0;
  std::vector<Json> out;
};

const wire::PptpMessage kSccrq = wire::StartControlConnectionRequest{
    .framing_capabilities = 1, .host_name = "client", .vendor_string = "v"};

TEST_F(DecoderTest, MessageInOneByteSegmentsIsReportedOnceAtItsLastFrame) {
  const Packet message = pptp_bytes(kSccrq);
  client_to_server(100, kSyn);
  for (std::size_t i = 0; i < message.size(); ++i) {
    client_to_server(static_cast<std::uint32_t>(101 + i), kAck, Bytes(message).subspan(i, 1));
  }
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["frame"], message.size() + 1);
  EXPECT_EQ(out[0]["kind"], "pptp");
  EXPECT_EQ(out[0]["message"], "Start-Control-Connection-Request");
  EXPECT_EQ(out[0]["host_name"], "client");
  EXPECT_EQ(out[0]["src"], "192.0.2.2");
  EXPECT_EQ(out[0]["dst"], "192.0.2.1");
}

TEST_F(DecoderTest, TwoMessagesInOneSegment) {
  Packet both = pptp_bytes(kSccrq);
  const Packet echo = pptp_bytes(wire::EchoRequest{.identifier = 9});
  both.insert(both.end(), echo.begin(), echo.end());
  client_to_server(100, kSyn);
  client_to_server(101, kAck, both);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1]["message"], "Echo-Request");
  EXPECT_EQ(out[1]["identifier"], 9);
  EXPECT_EQ(out[0]["frame"], out[1]["frame"]);
}

TEST_F(DecoderTest, BadCookieReportsOnceAndStopsTheStream) {
  Packet bad = pptp_bytes(kSccrq);
  bad[4] = 0;  // magic cookie
  client_to_server(100, kSyn);
  client_to_server(101, kAck, bad);
  client_to_server(101 + static_cast<std::uint32_t>(bad.size()), kAck,
                   pptp_bytes(wire::EchoRequest{.identifier = 1}));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["kind"], "error");
  EXPECT_NE(out[0]["error"].get<std::string>().find("magic cookie"), std::string::npos);
}

TEST_F(DecoderTest, MalformedMessageIsReportedAndTheStreamGoesOn) {
  Packet bad = pptp_bytes(wire::EchoRequest{.identifier = 1});
  bad[10] = 1;  // Reserved0: framing still holds, the message does not decode
  bad.insert(bad.end(), bad.begin(), bad.end());
  bad[26] = 0;  // the second copy is valid
  client_to_server(100, kSyn);
  client_to_server(101, kAck, bad);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]["kind"], "error");
  EXPECT_EQ(out[1]["message"], "Echo-Request");
}

TEST_F(DecoderTest, LostBytesBeyondTheHoldLimitStopTheStream) {
  const Packet message = pptp_bytes(kSccrq);
  client_to_server(100, kSyn);
  // A hole of 10 bytes, then more than the 512-byte limit of other data.
  for (std::uint32_t i = 0; i < 4; ++i) client_to_server(111 + i * 156, kAck, message);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["kind"], "error");
  EXPECT_NE(out[0]["error"].get<std::string>().find("10 bytes"), std::string::npos);
}

TEST_F(DecoderTest, ClosingInsideAMessageIsReported) {
  const Packet message = pptp_bytes(kSccrq);
  client_to_server(100, kSyn);
  client_to_server(101, kAck | 0x01, Bytes(message).first(20));  // FIN after 20 octets
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["kind"], "error");
  EXPECT_NE(out[0]["error"].get<std::string>().find("20 bytes"), std::string::npos);
}

TEST_F(DecoderTest, OtherTrafficIsIgnored) {
  feed(ethernet_ipv4(kClient, kServer, 6, tcp_segment(40000, 80, 1, kAck, pptp_bytes(kSccrq))));
  feed(ethernet_ipv4(kClient, kServer, 17, Packet(8, 0)));
  Packet arp(42, 0);
  arp[12] = 0x08;
  arp[13] = 0x06;
  feed(arp);
  EXPECT_TRUE(out.empty());
}

TEST_F(DecoderTest, EachMalformedLayerIsOneErrorLine) {
  feed(Packet(10, 0));  // shorter than Ethernet
  Packet ip = ethernet_ipv4(kClient, kServer, 6, tcp_segment(1, 1723, 1, kAck));
  ip.resize(30);  // IPv4 header cut
  feed(ip);
  feed(ethernet_ipv4(kClient, kServer, 6, Packet(10, 0)));              // TCP header cut
  feed(ethernet_ipv4(kServer, kClient, 47, Packet{0x30, 0x01, 0x08}));  // GRE cut
  ASSERT_EQ(out.size(), 4u);
  for (const auto& line : out) EXPECT_EQ(line["kind"], "error");
  EXPECT_FALSE(out[0].contains("src"));
  EXPECT_EQ(out[2]["src"], "192.0.2.2");
}

TEST_F(DecoderTest, GreWithLcpConfigureRequest) {
  Packet options(10);
  ASSERT_TRUE(wire::encode_u16_option(wire::kLcpMru, 1400, options));
  ASSERT_TRUE(wire::encode_u32_option(wire::kLcpMagicNumber, 0xCAFEBABE, MutableBytes(options).subspan(4)));
  Packet lcp(14);
  ASSERT_TRUE(wire::encode_ppp_control_packet(wire::kPppConfigureRequest, 7, options, lcp));
  Packet frame(18);
  ASSERT_TRUE(wire::encode_ppp_frame(wire::kPppLcp, lcp, {}, frame));
  feed(ethernet_ipv4(
      kServer, kClient, 47,
      gre_v1_packet({.payload_length = 18, .call_id = 0x4242, .sequence = 0, .ack = std::nullopt}, frame)));
  ASSERT_EQ(out.size(), 1u);
  const Json& gre = out[0];
  EXPECT_EQ(gre["kind"], "gre");
  EXPECT_EQ(gre["call_id"], 0x4242);
  EXPECT_EQ(gre["sequence"], 0);
  EXPECT_FALSE(gre.contains("ack"));
  EXPECT_EQ(gre["ppp"]["name"], "LCP");
  EXPECT_EQ(gre["ppp"]["identifier"], 7);
  EXPECT_EQ(gre["ppp"]["options"][1]["value"], "0xcafebabe");
}

TEST_F(DecoderTest, MalformedPppInsideGreIsAnError) {
  // Length 200 in an LCP header of a 6-octet packet.
  const Packet frame{0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0xC8, 0x00, 0x00};
  feed(ethernet_ipv4(kServer, kClient, 47,
                     gre_v1_packet({.payload_length = 10, .call_id = 1, .sequence = 1}, frame)));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["kind"], "error");
  EXPECT_NE(out[0]["error"].get<std::string>().find("PPP"), std::string::npos);
}

}  // namespace
}  // namespace pptpkit::tools
