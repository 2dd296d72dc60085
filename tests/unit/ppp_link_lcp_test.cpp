// LCP's less travelled corners on a whole Link: a looped-back link (RFC
// 1661 6.4), codes that are accepted and ignored (RFC 1570 2.1, 2.2),
// Protocol-Reject in both directions (RFC 1661 5.7), Code-Reject (5.6) and
// the drop counters.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "hex_util.h"
#include "ppp/link.h"
#include "ppp_link_pair.h"
#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

using namespace std::chrono_literals;
using test::hex;
using test::LinkPair;

LinkConfig server_config() { return test::authenticator_config(); }
LinkConfig client_config() { return test::peer_config(); }

// A control packet of `protocol` framed with address and control fields.
std::vector<std::uint8_t> control_frame(std::uint16_t protocol, std::uint8_t code, std::uint8_t identifier,
                                        const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> packet(wire::kPppControlHeaderSize + data.size());
  EXPECT_TRUE(wire::encode_ppp_control_packet(code, identifier, data, packet));
  std::vector<std::uint8_t> frame(wire::ppp_header_size(protocol, {}) + packet.size());
  EXPECT_TRUE(wire::encode_ppp_frame(protocol, packet, {}, frame));
  return frame;
}

struct Sent {
  std::uint16_t protocol;
  wire::PppControlPacket packet;
  std::vector<std::uint8_t> frame;  // owns what `packet` views
};

std::vector<Sent> drain(Link& link) {
  std::vector<Sent> out;
  while (auto frame = link.poll_frame()) out.push_back({0, {}, std::move(*frame)});
  for (Sent& s : out) {
    const auto decoded = wire::decode_ppp_frame(s.frame);
    s.protocol = decoded->protocol;
    s.packet = *wire::decode_ppp_control_packet(decoded->information);
  }
  return out;
}

std::optional<CloseReason> down_reason(Link& link) {
  while (auto event = link.poll_event()) {
    if (const auto* d = std::get_if<DownEvent>(&*event)) return d->reason;
  }
  return std::nullopt;
}

// Everything the link sends comes straight back to it.
std::optional<CloseReason> run_looped_back(LinkConfig config, std::vector<std::uint32_t>& naked_magics) {
  test::SeededRandom random(5);
  test::FixedAddresses addresses;
  const ChapSecrets secrets = test::test_secrets();
  Link link(std::move(config), random, AuthenticatorServices{secrets, addresses});
  Timestamp now{};
  link.start(now);
  for (int round = 0; round < 100; ++round) {
    for (auto frame = link.poll_frame(); frame; frame = link.poll_frame()) {
      const auto decoded = wire::decode_ppp_frame(*frame);
      const auto packet = wire::decode_ppp_control_packet(decoded->information);
      if (packet->code == wire::kPppConfigureNak) {
        naked_magics.push_back(ByteReader(packet->data.subspan(2)).u32());
      }
      link.on_frame(now, *frame);
    }
    if (auto reason = down_reason(link)) return reason;
    now += 3s;
    link.on_timeout(now);
  }
  return std::nullopt;
}

TEST(PppLinkLcp, LoopedBackLinkIsDetectedByItsMagicNumber) {
  for (LinkConfig config : {client_config(), server_config()}) {
    std::vector<std::uint32_t> naked_magics;
    EXPECT_EQ(run_looped_back(config, naked_magics), CloseReason::kLoopedBack);
    // Each of our own numbers came back and was naked with another one
    // before the third collision in a row ended the link.
    ASSERT_EQ(naked_magics.size(), static_cast<std::size_t>(kLoopedBackCollisions - 1));
    EXPECT_NE(naked_magics[0], naked_magics[1]);
  }
}

TEST(PppLinkLcp, IdentificationAndTimeRemainingAreAcceptedAndIgnored) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  // RFC 1570 2.1: Magic-Number and text; 2.2: Magic-Number, seconds, text.
  pair.server.on_frame(pair.now, control_frame(wire::kPppLcp, wire::kPppIdentification, 0x33,
                                               hex("00 00 00 00 4d 53 52 41 53 56 35 2e 32 30")));
  pair.server.on_frame(
      pair.now, control_frame(wire::kPppLcp, wire::kPppTimeRemaining, 0x34, hex("00 00 00 00 00 00 0e 10")));
  EXPECT_TRUE(drain(pair.server).empty());
  EXPECT_EQ(pair.server.phase(), Phase::kNetwork);
  EXPECT_EQ(pair.server.dropped(), 0u);
}

TEST(PppLinkLcp, UnknownLcpCodeGetsCodeReject) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  const auto frame = control_frame(wire::kPppLcp, 0x42, 0x35, hex("de ad"));
  pair.server.on_frame(pair.now, frame);
  const auto sent = drain(pair.server);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].protocol, wire::kPppLcp);
  EXPECT_EQ(sent[0].packet.code, wire::kPppCodeReject);
  // RFC 1661 5.6: the rejected packet, from its Code field on.
  EXPECT_EQ(std::vector<std::uint8_t>(sent[0].packet.data.begin(), sent[0].packet.data.end()),
            std::vector<std::uint8_t>(frame.begin() + 4, frame.end()));
  EXPECT_EQ(pair.server.phase(), Phase::kNetwork);
}

TEST(PppLinkLcp, UnknownProtocolGetsProtocolRejectAndIsCounted) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  const std::vector<std::uint8_t> frame{0xFF, 0x03, 0x80, 0x2B, 0x01, 0x01, 0x00, 0x04};  // IPXCP
  pair.server.on_frame(pair.now, frame);
  const auto sent = drain(pair.server);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].packet.code, wire::kPppProtocolReject);
  EXPECT_EQ(std::vector<std::uint8_t>(sent[0].packet.data.begin(), sent[0].packet.data.end()),
            hex("80 2b 01 01 00 04"));
  EXPECT_EQ(pair.server.dropped(LinkDrop::kUnknownProtocol), 1u);
  EXPECT_EQ(pair.server.dropped(), 1u);
}

// The client does not run IPv6: its Protocol-Reject stops the server's
// IPV6CP, and IPv4 comes up regardless.
TEST(PppLinkLcp, ProtocolRejectOfIpv6cpLeavesIpv4Running) {
  LinkConfig server = server_config();
  server.ipv6 = true;
  LinkPair pair(server, client_config());
  pair.run();
  pair.advance(pair.now + 1min, [] { return false; });
  EXPECT_TRUE(pair.up(pair.server_events));
  EXPECT_FALSE(pair.down(pair.server_events));
  EXPECT_EQ(pair.client.dropped(LinkDrop::kUnknownProtocol), 1u);
  EXPECT_EQ(pair.server.phase(), Phase::kNetwork);
  EXPECT_FALSE(pair.server.parameters().local_interface_identifier);
  std::array<std::uint8_t, 128> buffer{};
  buffer[kLinkHeadroom] = 0x60;
  const auto ipv6 = pair.server.send_ip(pair.now, buffer, kLinkHeadroom, 40);
  ASSERT_FALSE(ipv6);
  EXPECT_EQ(ipv6.error(), SendError::kNotReady);
  buffer[kLinkHeadroom] = 0x45;
  EXPECT_TRUE(pair.server.send_ip(pair.now, buffer, kLinkHeadroom, 40));
}

// An IPV6CP that was up and is then rejected goes down alone.
TEST(PppLinkLcp, ProtocolRejectOfOpenedIpv6cpKeepsTheLink) {
  LinkConfig server = server_config();
  LinkConfig client = client_config();
  server.ipv6 = client.ipv6 = true;
  LinkPair pair(server, client);
  pair.run();
  pair.advance(pair.now + 1min, [] { return false; });
  ASSERT_TRUE(pair.server.parameters().local_interface_identifier);
  pair.server.on_frame(
      pair.now, control_frame(wire::kPppLcp, wire::kPppProtocolReject, 0x36, hex("80 57 01 01 00 04")));
  pair.advance(pair.now + 1min, [] { return false; });
  EXPECT_FALSE(pair.server.parameters().local_interface_identifier);
  EXPECT_FALSE(pair.down(pair.server_events));
  EXPECT_FALSE(pair.down(pair.client_events));
  EXPECT_TRUE(pair.server.parameters().ipv4);
}

TEST(PppLinkLcp, DropsAreCountedByReason) {
  LinkPair pair(server_config(), client_config());
  // Before start (Dead phase) and before LCP opens, IPCP is not admitted.
  pair.server.on_frame(pair.now, control_frame(wire::kPppIpcp, wire::kPppConfigureRequest, 1, {}));
  pair.server.on_frame(pair.now, std::vector<std::uint8_t>{0xFF});
  EXPECT_EQ(pair.server.dropped(LinkDrop::kNotInPhase), 1u);
  EXPECT_EQ(pair.server.dropped(LinkDrop::kMalformedFrame), 1u);
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  // Plaintext IPv4 while MPPE runs; an LCP packet whose Length is too short.
  pair.server.on_frame(pair.now, std::vector<std::uint8_t>{0x21, 0x45, 0, 0, 0});
  pair.server.on_frame(pair.now, std::vector<std::uint8_t>{0xC0, 0x21, 0x09, 0x01, 0x00, 0x02});
  EXPECT_EQ(pair.server.dropped(LinkDrop::kPlaintextUnderMppe), 1u);
  EXPECT_EQ(pair.server.dropped(LinkDrop::kMalformedControl), 1u);
  // The same encrypted packet twice: the second is a replay to MPPE.
  std::array<std::uint8_t, 128> buffer{};
  buffer[kLinkHeadroom] = 0x45;
  const auto frame = pair.client.send_ip(pair.now, buffer, kLinkHeadroom, 40);
  ASSERT_TRUE(frame);
  const std::vector<std::uint8_t> copy(frame->begin(), frame->end());
  pair.server.on_frame(pair.now, copy);
  pair.server.on_frame(pair.now, copy);
  EXPECT_EQ(pair.server.dropped(LinkDrop::kMppe), 1u);
  EXPECT_EQ(pair.server.dropped(MppeDrop::kReplayed), 1u);
  EXPECT_EQ(pair.server.dropped(), 5u);
}

}  // namespace
}  // namespace pptpkit::ppp
