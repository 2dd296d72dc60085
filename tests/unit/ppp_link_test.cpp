// Two Links, authenticator and peer, negotiating in memory: combinations of
// authentication method, MPPE mode and strength and LCP compression, the
// refusals, and IP packets both ways afterwards (also under loss).
#include "ppp/link.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <tuple>

#include "ppp_link_pair.h"
#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

using namespace std::chrono_literals;
using test::LinkPair;

LinkConfig server_config() { return test::authenticator_config(); }
LinkConfig client_config() { return test::peer_config(); }

// Sends `payload` (an IPv4 packet) from `from` and returns what `to` receives.
std::optional<std::vector<std::uint8_t>> send_ipv4(Timestamp now, Link& from, Link& to,
                                                   const std::vector<std::uint8_t>& payload,
                                                   bool deliver = true) {
  std::array<std::uint8_t, 2048> buffer{};
  std::copy(payload.begin(), payload.end(), buffer.begin() + kLinkHeadroom);
  auto frame = from.send_ip(now, buffer, kLinkHeadroom, payload.size());
  if (!frame) return std::nullopt;
  if (!deliver) return std::vector<std::uint8_t>{};
  to.on_frame(now, *frame);
  auto received = to.poll_ip();
  if (!received || received->protocol != wire::kPppIpv4) return std::nullopt;
  return std::vector<std::uint8_t>(received->packet.begin(), received->packet.end());
}

std::vector<std::uint8_t> ipv4_packet(std::uint8_t tag) {
  std::vector<std::uint8_t> p(60, tag);
  p[0] = 0x45;
  return p;
}

void expect_traffic_both_ways(LinkPair& pair) {
  for (std::uint8_t i = 0; i < 20; ++i) {
    EXPECT_EQ(send_ipv4(pair.now, pair.server, pair.client, ipv4_packet(i)), ipv4_packet(i));
    EXPECT_EQ(send_ipv4(pair.now, pair.client, pair.server, ipv4_packet(i)), ipv4_packet(i));
  }
}

TEST(PppLink, DefaultsNegotiateMsChapV2WithMppe128) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  ASSERT_TRUE(pair.up(pair.client_events));
  const LinkParameters server = pair.server.parameters();
  const LinkParameters client = pair.client.parameters();
  EXPECT_EQ(server.auth, AuthMethod::kMsChapV2);
  EXPECT_EQ(server.user, "alice");
  ASSERT_TRUE(server.mppe);
  EXPECT_EQ(server.mppe->strength, crypto::MppeStrength::k128Bit);
  EXPECT_EQ(server.mppe->mode, MppeMode::kStateless);
  ASSERT_TRUE(client.ipv4);
  EXPECT_EQ(client.ipv4->local, 0xC6120002u);
  EXPECT_EQ(client.ipv4->peer, 0xC6120001u);
  EXPECT_EQ(client.ipv4->primary_dns, 0xC6120035u);
  EXPECT_EQ(server.peer_mru, 1400);
  EXPECT_EQ(server.mtu, 1396);
  EXPECT_EQ(server.send_accm, 0u);
  const auto succeeded = LinkPair::find<AuthSucceededEvent>(pair.server_events);
  ASSERT_TRUE(succeeded);
  EXPECT_EQ(succeeded->user, "alice");
  expect_traffic_both_ways(pair);
}

TEST(PppLink, LogsControlPacketsLikePppd) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  ASSERT_FALSE(pair.server_events.empty());
  const auto* first = std::get_if<LogEvent>(&pair.server_events.front());
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(
      first->line.rfind("sent [LCP ConfReq id=0x1 <mru 1400> <asyncmap 0x0> <auth chap MS-v2> <magic 0x", 0),
      0u)
      << first->line;
}

// Authentication method x MPPE policy, strength and mode x LCP compression.
using Combination = std::tuple<AuthMethod, int, bool, bool>;

class PppLinkCombinations : public ::testing::TestWithParam<Combination> {};

TEST_P(PppLinkCombinations, NegotiateAndCarryTraffic) {
  const auto [method, bits, stateless, compression] = GetParam();
  LinkConfig server = server_config();
  LinkConfig client = client_config();
  server.lcp.auth_methods = {method};
  client.lcp.auth_methods = {AuthMethod::kMsChapV2, AuthMethod::kMsChapV1, AuthMethod::kChapMd5,
                             AuthMethod::kPap};
  const bool mppe = method == AuthMethod::kMsChapV1 || method == AuthMethod::kMsChapV2;
  for (LinkConfig* c : {&server, &client}) {
    c->ccp.policy = mppe ? MppePolicy::kRequired : MppePolicy::kRefused;
    c->ccp.allow_40_bit = bits == 40;
    c->ccp.allow_56_bit = bits == 56;
    c->ccp.allow_128_bit = bits == 128;
    c->ccp.allow_stateful = !stateless;
    c->lcp.request_pfc = c->lcp.request_acfc = compression;
  }
  // Stateless wins when one side offers it: the client insists on it.
  if (stateless) client.ccp.allow_stateful = false;
  LinkPair pair(server, client);
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  ASSERT_TRUE(pair.up(pair.client_events));
  const LinkParameters p = pair.server.parameters();
  EXPECT_EQ(p.auth, method);
  EXPECT_EQ(p.mppe.has_value(), mppe);
  if (mppe) {
    EXPECT_EQ(p.mppe->mode, stateless ? MppeMode::kStateless : MppeMode::kStateful);
    const auto expected = bits == 40   ? crypto::MppeStrength::k40Bit
                          : bits == 56 ? crypto::MppeStrength::k56Bit
                                       : crypto::MppeStrength::k128Bit;
    EXPECT_EQ(p.mppe->strength, expected);
  }
  expect_traffic_both_ways(pair);
}

INSTANTIATE_TEST_SUITE_P(Mschap, PppLinkCombinations,
                         ::testing::Combine(::testing::Values(AuthMethod::kMsChapV1, AuthMethod::kMsChapV2),
                                            ::testing::Values(40, 56, 128), ::testing::Bool(),
                                            ::testing::Bool()));
INSTANTIATE_TEST_SUITE_P(Plaintext, PppLinkCombinations,
                         ::testing::Combine(::testing::Values(AuthMethod::kPap, AuthMethod::kChapMd5),
                                            ::testing::Values(128), ::testing::Values(true),
                                            ::testing::Bool()));

TEST(PppLink, WrongPasswordFailsAuthenticationWithTheUserName) {
  LinkConfig client = client_config();
  client.password = "looking-glass";
  LinkPair pair(server_config(), client);
  pair.run();
  const auto failed = LinkPair::find<AuthFailedEvent>(pair.server_events);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->user, "alice");
  EXPECT_EQ(failed->failure, AuthFailure::kWrongPassword);
  EXPECT_FALSE(LinkPair::find<AuthSucceededEvent>(pair.server_events));
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.server_events)->reason, CloseReason::kAuthenticationFailed);
  EXPECT_TRUE(pair.down(pair.client_events));
  EXPECT_FALSE(pair.up(pair.server_events));
}

TEST(PppLink, MppeRequiredButRefusedClosesWithAReason) {
  LinkConfig client = client_config();
  client.ccp.policy = MppePolicy::kRefused;
  LinkPair pair(server_config(), client);
  pair.run();
  ASSERT_TRUE(pair.down(pair.server_events));
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.server_events)->reason, CloseReason::kMppeRefused);
  EXPECT_FALSE(pair.up(pair.server_events));
  EXPECT_FALSE(pair.up(pair.client_events));
}

TEST(PppLink, MppeWithoutACommonStrengthIsRefused) {
  LinkConfig client = client_config();
  client.ccp.allow_128_bit = false;
  client.ccp.allow_40_bit = true;
  LinkPair pair(server_config(), client);
  pair.run();
  ASSERT_TRUE(pair.down(pair.server_events) || pair.down(pair.client_events));
  EXPECT_FALSE(pair.up(pair.server_events));
}

TEST(PppLink, OptionalMppeFallsBackToPlaintext) {
  LinkConfig server = server_config();
  server.ccp.policy = MppePolicy::kOptional;
  LinkConfig client = client_config();
  client.ccp.policy = MppePolicy::kRefused;
  LinkPair pair(server, client);
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  ASSERT_TRUE(pair.up(pair.client_events));
  EXPECT_FALSE(pair.server.parameters().mppe);
  expect_traffic_both_ways(pair);
}

TEST(PppLink, UnacceptableMruCloses) {
  LinkConfig client = client_config();
  client.lcp.mru = 300;
  client.lcp.min_mru = 200;
  LinkPair pair(server_config(), client);
  pair.run();
  ASSERT_TRUE(pair.down(pair.client_events));
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.client_events)->reason, CloseReason::kUnacceptableMru);
  EXPECT_TRUE(pair.down(pair.server_events));
}

TEST(PppLink, NoAddressToAssignCloses) {
  LinkPair pair(server_config(), client_config());
  pair.addresses.available = false;
  pair.run();
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.server_events)->reason, CloseReason::kNoAddress);
}

TEST(PppLink, PeerThatNeverAnswersTimesOut) {
  LinkPair pair(server_config(), client_config());
  pair.loss = 1.0;
  pair.run();
  ASSERT_TRUE(pair.down(pair.server_events));
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.server_events)->reason, CloseReason::kNoResponse);
  // Max-Configure (10) requests, three seconds apart.
  EXPECT_LE(pair.now, 31s);
}

TEST(PppLink, ConvergesUnderLossAndDuplication) {
  // Duplicated Configure-Acks make an Opened automaton renegotiate (RFC 1661
  // 4.1, crossed connection); once the network is quiet again, it settles.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    LinkPair pair(server_config(), client_config(), seed);
    pair.loss = 0.2;
    pair.duplication = 0.1;
    pair.run();
    pair.loss = pair.duplication = 0;
    pair.advance(pair.now + 2min, [] { return false; });
    if (pair.down(pair.server_events)) continue;  // gave up under loss: allowed
    ASSERT_EQ(pair.server.phase(), Phase::kNetwork) << "seed " << seed;
    ASSERT_EQ(pair.client.phase(), Phase::kNetwork) << "seed " << seed;
    EXPECT_EQ(send_ipv4(pair.now, pair.client, pair.server, ipv4_packet(7)), ipv4_packet(7)) << seed;
    EXPECT_EQ(send_ipv4(pair.now, pair.server, pair.client, ipv4_packet(8)), ipv4_packet(8)) << seed;
  }
}

TEST(PppLink, StatefulMppeRecoversFromLossWithResetRequest) {
  LinkConfig server = server_config();
  LinkConfig client = client_config();
  server.ccp.allow_stateful = client.ccp.allow_stateful = true;
  LinkPair pair(server, client);
  pair.run();
  ASSERT_TRUE(pair.up(pair.client_events));
  ASSERT_EQ(pair.server.parameters().mppe->mode, MppeMode::kStateful);
  // Two packets lost on the way to the client.
  ASSERT_TRUE(send_ipv4(pair.now, pair.server, pair.client, ipv4_packet(1), false));
  ASSERT_TRUE(send_ipv4(pair.now, pair.server, pair.client, ipv4_packet(2), false));
  // The next one shows the gap: dropped, and the client asks for a reset.
  EXPECT_FALSE(send_ipv4(pair.now, pair.server, pair.client, ipv4_packet(3)));
  pair.pump();
  // The server's next packet is flushed and gets through.
  EXPECT_EQ(send_ipv4(pair.now, pair.server, pair.client, ipv4_packet(4)), ipv4_packet(4));
  expect_traffic_both_ways(pair);
}

// With MPPE required, neither end sends IPCP before its CCP is up: pppd's
// IPCP answers such a request with a Terminate-Ack (it opens IPCP only after
// CCP), and the request then waited a restart period (3 s per session, seen
// against pppd both ways).
TEST(PppLink, IpcpWaitsForCcpWhenMppeIsRequired) {
  LinkPair pair(server_config(), client_config());
  bool ccp_acked[2] = {false, false};  // [0]: by the client, [1]: by the server
  int early_ipcp_requests = 0;
  int ipcp_requests = 0;
  pair.tap = [&](bool from_server, const std::vector<std::uint8_t>& frame) {
    const auto decoded = wire::decode_ppp_frame(frame);
    if (!decoded || decoded->protocol < 0x8000) return;
    const auto packet = wire::decode_ppp_control_packet(decoded->information);
    if (!packet) return;
    if (decoded->protocol == wire::kPppCcp && packet->code == wire::kPppConfigureAck)
      ccp_acked[from_server] = true;
    if (decoded->protocol == wire::kPppIpcp && packet->code == wire::kPppConfigureRequest) {
      ++ipcp_requests;
      if (!ccp_acked[0] || !ccp_acked[1]) ++early_ipcp_requests;
    }
  };
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events) && pair.up(pair.client_events));
  EXPECT_GT(ipcp_requests, 0);
  EXPECT_EQ(early_ipcp_requests, 0);
}

TEST(PppLink, PlaintextIsDroppedWhileMppeRuns) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  const std::vector<std::uint8_t> plain{0x21, 0x45, 0, 0, 0};  // PFC-compressed IPv4 frame
  pair.server.on_frame(pair.now, plain);
  EXPECT_FALSE(pair.server.poll_ip());
}

TEST(PppLink, CloseTerminatesBothEnds) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  pair.client.terminate(pair.now);
  pair.advance(pair.now + 1min,
               [&] { return pair.down(pair.server_events) && pair.down(pair.client_events); });
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.server_events)->reason, CloseReason::kPeerTerminated);
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.client_events)->reason, CloseReason::kAdministrative);
  // The server keeps the client's words; the client, which closed, none.
  EXPECT_EQ(pair.server.peer_termination(), "User request");
  EXPECT_FALSE(pair.client.peer_termination());
}

// A Terminate-Request's text goes into a log line: bounded and printable;
// pppd's second Terminate-Request does not replace the first.
TEST(PppLink, PeerTerminationTextIsBoundedPrintableAndTheFirst) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  std::vector<std::uint8_t> frame{0xFF, 0x03, 0xC0, 0x21, wire::kPppTerminateRequest, 7, 0, 4 + 100};
  for (int i = 0; i < 100; ++i) frame.push_back(i % 2 == 0 ? 'A' : (i == 1 ? '"' : 0x07));
  pair.server.on_frame(pair.now, frame);
  const auto& text = pair.server.peer_termination();
  ASSERT_TRUE(text);
  EXPECT_EQ(text->size(), kPeerTerminationLimit);
  EXPECT_EQ(text->substr(0, 6), "A.A.A.");
  frame[5] = 8;
  frame[8] = 'B';
  pair.server.on_frame(pair.now, frame);
  EXPECT_EQ(pair.server.peer_termination()->front(), 'A');
}

// Between the Terminate exchange and the DownEvent (one restart period on
// the side that answered) the link already says why it is closing, so an
// owner whose call is cleared meanwhile names the right cause.
TEST(PppLink, ClosingReasonIsKnownBeforeTheLinkIsDown) {
  LinkPair pair(server_config(), client_config());
  pair.run();
  EXPECT_FALSE(pair.server.closing_reason());
  pair.client.terminate(pair.now, CloseReason::kAdministrative);
  EXPECT_EQ(pair.client.closing_reason(),
            CloseReason::kAdministrative);  // Terminate-Request not yet answered
  pair.pump();                              // Terminate-Request and its Ack cross; no timer has run
  EXPECT_TRUE(pair.down(pair.client_events));
  EXPECT_FALSE(pair.client.closing_reason());
  EXPECT_FALSE(pair.down(pair.server_events));
  EXPECT_EQ(pair.server.closing_reason(), CloseReason::kPeerTerminated);
  pair.advance(pair.now + 1min, [&] { return pair.down(pair.server_events); });
  EXPECT_FALSE(pair.server.closing_reason());  // down: the DownEvent said it
}

TEST(PppLink, KeepaliveDetectsADeadPeer) {
  LinkConfig server = server_config();
  server.keepalive = {10s, 3};
  LinkPair pair(server, client_config());
  pair.run();
  ASSERT_TRUE(pair.up(pair.server_events));
  pair.loss = 1.0;
  pair.advance(pair.now + 10min, [&] { return pair.down(pair.server_events); });
  EXPECT_EQ(LinkPair::find<DownEvent>(pair.server_events)->reason, CloseReason::kKeepaliveTimeout);
}

TEST(PppLink, Ipv6cpNegotiatesInterfaceIdentifiers) {
  LinkConfig server = server_config();
  LinkConfig client = client_config();
  server.ipv6 = client.ipv6 = true;
  LinkPair pair(server, client);
  pair.run();
  pair.advance(pair.now + 1min, [&] {
    return LinkPair::find<UpEvent>(pair.client_events) && pair.client.parameters().peer_interface_identifier;
  });
  const LinkParameters s = pair.server.parameters();
  const LinkParameters c = pair.client.parameters();
  ASSERT_TRUE(s.local_interface_identifier && c.peer_interface_identifier);
  EXPECT_EQ(*s.local_interface_identifier, *c.peer_interface_identifier);
  EXPECT_NE(*s.local_interface_identifier, *c.local_interface_identifier);
}

}  // namespace
}  // namespace pptpkit::ppp
