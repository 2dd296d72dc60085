// Option sets real peers send, replayed against a Link or a protocol: they
// must converge. Octets follow captures of Windows clients, pppd and
// Windows RRAS (option by option, with our own magic numbers).
#include <gtest/gtest.h>

#include <vector>

#include "hex_util.h"
#include "ppp/ccp.h"
#include "ppp/link.h"
#include "ppp_link_pair.h"
#include "wire/ppp_auth.h"
#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

using test::hex;

std::vector<std::uint8_t> lcp_frame(std::uint8_t code, std::uint8_t id,
                                    const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> frame(8 + data.size());
  const std::vector<std::uint8_t> header{0xFF, 0x03, 0xC0, 0x21,
                                         code, id,   0,    static_cast<std::uint8_t>(4 + data.size())};
  std::copy(header.begin(), header.end(), frame.begin());
  std::copy(data.begin(), data.end(), frame.begin() + 8);
  return frame;
}

struct Sent {
  std::uint16_t protocol;
  std::uint8_t code;
  std::uint8_t identifier;
  std::vector<std::uint8_t> data;
};

std::vector<Sent> drain(Link& link) {
  std::vector<Sent> out;
  while (auto frame = link.poll_frame()) {
    auto decoded = wire::decode_ppp_frame(*frame);
    auto packet = wire::decode_ppp_control_packet(decoded->information);
    out.push_back(
        {decoded->protocol, packet->code, packet->identifier, {packet->data.begin(), packet->data.end()}});
  }
  return out;
}

std::vector<std::uint8_t> option_types(const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> types;
  for (wire::PppOptionReader r(data); !r.done();) types.push_back(r.next()->type);
  return types;
}

const Sent* find(const std::vector<Sent>& sent, std::uint16_t protocol, std::uint8_t code) {
  for (const auto& s : sent) {
    if (s.protocol == protocol && s.code == code) return &s;
  }
  return nullptr;
}

TEST(PppScripted, WindowsClientLcpRequestConverges) {
  test::SeededRandom random(3);
  test::FixedAddresses addresses;
  const ChapSecrets secrets = test::test_secrets();
  LinkConfig config;
  Link server(config, random, AuthenticatorServices{secrets, addresses});
  server.start({});
  const Sent our_request = drain(server).at(0);

  // MRU 1400, magic, PFC, ACFC, Callback (CBCP), MRRU 1614, Endpoint
  // Discriminator (class 1, locally assigned), Link Discriminator 23.
  const auto windows =
      hex("01 04 05 78  05 06 3c 1f 62 11  07 02  08 02  0d 03 06  11 04 06 4e"
          "  13 17 01 8a 4c 29 b2 1d 0f 45 6f 8e 55 02 51 94 6c 66 e4 00 00 00 00  17 04 00 01");
  server.on_frame({}, lcp_frame(wire::kPppConfigureRequest, 0, windows));
  const auto answers = drain(server);
  const auto reject = find(answers, wire::kPppLcp, wire::kPppConfigureReject);
  ASSERT_NE(reject, nullptr);
  EXPECT_EQ(option_types(reject->data),
            (std::vector<std::uint8_t>{wire::kLcpMrru, wire::kLcpEndpointDiscriminator, 23}));

  // Windows drops the rejected options and acks our request.
  server.on_frame({}, lcp_frame(wire::kPppConfigureRequest, 1,
                                hex("01 04 05 78  05 06 3c 1f 62 11  07 02  08 02  0d 03 06")));
  server.on_frame({}, lcp_frame(wire::kPppConfigureAck, our_request.identifier, our_request.data));
  const auto sent = drain(server);
  ASSERT_NE(find(sent, wire::kPppLcp, wire::kPppConfigureAck), nullptr);
  // LCP is open: the Authenticate phase starts with an MS-CHAPv2 Challenge.
  EXPECT_EQ(server.phase(), Phase::kAuthenticate);
  EXPECT_NE(find(sent, wire::kPppChap, wire::kChapChallenge), nullptr);
}

TEST(PppScripted, RrasProposingEapIsNakedTowardMsChapV2) {
  test::SeededRandom random(4);
  LinkConfig config;
  config.role = Role::kPeer;
  config.user = "alice";
  config.password = "wonderland";
  Link client(config, random, std::nullopt);
  client.start({});
  drain(client);
  // RRAS: MRU 1400, EAP (c227), magic, PFC, ACFC.
  client.on_frame({}, lcp_frame(wire::kPppConfigureRequest, 1,
                                hex("01 04 05 78 03 04 c2 27 05 06 11 22 33 44 07 02 08 02")));
  const auto answers = drain(client);
  const auto nak = find(answers, wire::kPppLcp, wire::kPppConfigureNak);
  ASSERT_NE(nak, nullptr);
  EXPECT_EQ(nak->data, hex("03 05 c2 23 81"));
  // RRAS follows the Nak and is acked.
  client.on_frame({}, lcp_frame(wire::kPppConfigureRequest, 2,
                                hex("01 04 05 78 03 05 c2 23 81 05 06 11 22 33 44 07 02 08 02")));
  const auto acked = drain(client);
  EXPECT_NE(find(acked, wire::kPppLcp, wire::kPppConfigureAck), nullptr);
}

// A CCP automaton on a link that is up, opened: its request is sent[0].
struct CcpHarness : ControlOutput, LayerEvents, ResetListener {
  explicit CcpHarness(const CcpConfig& c) : config(c), ccp(config, *this, *this, *this, {}) {
    ccp.fsm().admin_open({});
    ccp.fsm().up({});
  }
  CcpConfig config;  // the automaton keeps a reference
  std::vector<std::vector<std::uint8_t>> sent;
  void send_control(Timestamp, std::uint16_t, Bytes packet) override {
    sent.emplace_back(packet.begin(), packet.end());
  }
  std::size_t peer_mru() const override { return 1500; }
  void layer_up(Timestamp, std::uint16_t) override {}
  void layer_down(Timestamp, std::uint16_t) override {}
  void layer_finished(Timestamp, std::uint16_t, CloseReason) override {}
  void protocol_rejected(Timestamp, std::uint16_t) override {}
  void reset_requested(Timestamp) override {}
  Ccp ccp;
};

TEST(PppScripted, PppdStatelessMppeRequestIsAcked) {
  CcpHarness h(CcpConfig{});
  // pppd with require-mppe-128: <mppe +H -M +S -L -D -C>.
  const auto request = hex("12 06 01 00 00 40");
  h.ccp.fsm().on_packet({}, {wire::kPppConfigureRequest, 1, 10, request});
  ASSERT_EQ(h.sent.size(), 2u);
  EXPECT_EQ(h.sent[1], hex("02 01 00 0a 12 06 01 00 00 40"));
}

TEST(PppScripted, OfferOfEveryStrengthIsNakedToOne) {
  CcpConfig config;
  config.allow_40_bit = true;
  CcpHarness h(config);
  // Windows offering 40, 56 and 128 bits, stateless, and MPPC: <mppe +H +M +S +L -D +C>.
  h.ccp.fsm().on_packet({}, {wire::kPppConfigureRequest, 5, 10, hex("12 06 01 00 00 e1")});
  ASSERT_EQ(h.sent.size(), 2u);
  EXPECT_EQ(h.sent[1], hex("03 05 00 0a 12 06 01 00 00 40"));
}

// pppd 2.4.9 with mppe-stateful still asks for <mppe +H ...> and acks our
// stateful request. Acking its request too left the directions in different
// modes ("MPPE parameters differ", seen against the real pppd): it is naked
// toward stateful, which pppd takes, and both directions run stateful.
TEST(PppScripted, PppdWithMppeStatefulIsNakedToStatefulBothWays) {
  CcpConfig config;
  config.allow_stateful = true;
  CcpHarness h(config);
  ASSERT_EQ(h.sent.size(), 1u);
  EXPECT_EQ(h.sent[0], hex("01 01 00 0a 12 06 00 00 00 40"));  // <mppe -H -M +S -L -D -C>
  h.ccp.fsm().on_packet({}, {wire::kPppConfigureRequest, 1, 10, hex("12 06 01 00 00 40")});
  ASSERT_EQ(h.sent.size(), 2u);
  EXPECT_EQ(h.sent[1], hex("03 01 00 0a 12 06 00 00 00 40"));
  h.ccp.fsm().on_packet({}, {wire::kPppConfigureAck, 1, 10, hex("12 06 00 00 00 40")});
  h.ccp.fsm().on_packet({}, {wire::kPppConfigureRequest, 2, 10, hex("12 06 00 00 00 40")});
  ASSERT_EQ(h.sent.size(), 3u);
  EXPECT_EQ(h.sent[2], hex("02 02 00 0a 12 06 00 00 00 40"));
  ASSERT_TRUE(h.ccp.fsm().opened());
  EXPECT_EQ(h.ccp.send_parameters()->mode, MppeMode::kStateful);
  EXPECT_EQ(h.ccp.receive_parameters()->mode, MppeMode::kStateful);
}

// A stateless-only end whose request a stateful peer naks toward stateful
// mode keeps asking for stateless instead of giving MPPE up; the peer's own
// request is naked toward stateless, and both converge on it.
TEST(PppScripted, NakTowardRefusedStatefulModeKeepsAskingForStateless) {
  CcpHarness h(CcpConfig{});
  ASSERT_EQ(h.sent.size(), 1u);
  EXPECT_EQ(h.sent[0], hex("01 01 00 0a 12 06 01 00 00 40"));
  h.ccp.fsm().on_packet({}, {wire::kPppConfigureNak, 1, 10, hex("12 06 00 00 00 40")});
  ASSERT_EQ(h.sent.size(), 2u);
  EXPECT_EQ(h.sent[1], hex("01 02 00 0a 12 06 01 00 00 40"));
  h.ccp.fsm().on_packet({}, {wire::kPppConfigureRequest, 7, 10, hex("12 06 00 00 00 40")});
  ASSERT_EQ(h.sent.size(), 3u);
  EXPECT_EQ(h.sent[2], hex("03 07 00 0a 12 06 01 00 00 40"));
}

}  // namespace
}  // namespace pptpkit::ppp
