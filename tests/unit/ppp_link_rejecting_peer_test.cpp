// A Link against a scripted peer that rejects everything (RFC 1661 5.4):
// it answers each Configure-Request with a Configure-Reject of all its
// options (an Ack when there is none left), asks for nothing itself,
// insists on that empty request whatever it is told, and acks
// Terminate-Requests. LCP converges without options where no option is
// essential; otherwise the link closes with the reason of the option it
// cannot do without.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "ppp/deadline.h"
#include "ppp/link.h"
#include "ppp_link_pair.h"
#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

using namespace std::chrono_literals;

class RejectingPeer {
 public:
  explicit RejectingPeer(LinkConfig config)
      : link(std::move(config), random, AuthenticatorServices{secrets, addresses}) {}

  // Runs until the link reports up or down, or five minutes pass.
  void run() {
    link.start(now);
    for (answer(); !up && !down && now < 5min; answer()) {
      const auto deadline = link.next_deadline();
      if (!deadline) break;
      now = std::max(now, *deadline);
      link.on_timeout(now);
    }
  }

  ChapSecrets secrets = test::test_secrets();
  test::FixedAddresses addresses;
  test::SeededRandom random{11};
  Link link;
  Timestamp now{};
  bool up = false;
  std::optional<CloseReason> down;
  std::map<std::uint16_t, std::vector<std::uint8_t>> last_request;  // the link's, by protocol
  std::map<std::uint16_t, int> naks_received;                       // Naks of our empty request

 private:
  void answer() {
    for (bool moved = true; moved;) {
      moved = false;
      while (auto frame = link.poll_frame()) {
        moved = true;
        on_frame(*frame);
      }
    }
    while (auto event = link.poll_event()) {
      if (std::holds_alternative<UpEvent>(*event)) up = true;
      if (const auto* d = std::get_if<DownEvent>(&*event)) down = d->reason;
    }
  }

  void on_frame(const std::vector<std::uint8_t>& frame) {
    const auto decoded = wire::decode_ppp_frame(frame);
    ASSERT_TRUE(decoded);
    const std::uint16_t protocol = decoded->protocol;
    const auto packet = wire::decode_ppp_control_packet(decoded->information);
    if (!packet) return;
    switch (packet->code) {
      case wire::kPppConfigureRequest:
        last_request[protocol].assign(packet->data.begin(), packet->data.end());
        reply(protocol, packet->data.empty() ? wire::kPppConfigureAck : wire::kPppConfigureReject,
              packet->identifier, packet->data);
        if (!requested_[protocol]) request(protocol);
        requested_[protocol] = true;
        break;
      case wire::kPppConfigureNak:
      case wire::kPppConfigureReject:
        ++naks_received[protocol];
        request(protocol);
        break;
      case wire::kPppTerminateRequest:
        reply(protocol, wire::kPppTerminateAck, packet->identifier, {});
        break;
      default:
        break;
    }
  }

  void request(std::uint16_t protocol) {
    reply(protocol, wire::kPppConfigureRequest, next_identifier_++, {});
  }

  void reply(std::uint16_t protocol, std::uint8_t code, std::uint8_t identifier, Bytes data) {
    std::vector<std::uint8_t> packet(wire::kPppControlHeaderSize + data.size());
    ASSERT_TRUE(wire::encode_ppp_control_packet(code, identifier, data, packet));
    std::vector<std::uint8_t> frame(wire::ppp_header_size(protocol, {}) + packet.size());
    ASSERT_TRUE(wire::encode_ppp_frame(protocol, packet, {}, frame));
    link.on_frame(now, frame);
  }

  std::map<std::uint16_t, bool> requested_;
  std::uint8_t next_identifier_ = 0x40;
};

LinkConfig peer_config() {
  LinkConfig c;
  c.role = Role::kPeer;
  c.user = "alice";
  c.password = "wonderland";
  return c;
}

TEST(PppRejectingPeer, AuthenticatorCannotDoWithoutAuthentication) {
  RejectingPeer peer{LinkConfig{}};
  peer.run();
  EXPECT_EQ(peer.down, CloseReason::kAuthenticationRefused);
  EXPECT_FALSE(peer.up);
}

// LCP converges with an empty request; the MPPE keys would have come from
// MS-CHAP, so a required policy ends the link before the NCPs.
TEST(PppRejectingPeer, LcpConvergesWithoutOptionsThenMppeIsRefused) {
  RejectingPeer peer{peer_config()};
  peer.run();
  EXPECT_TRUE(peer.last_request.at(wire::kPppLcp).empty());
  EXPECT_EQ(peer.down, CloseReason::kMppeRefused);
}

// The peer role needs an address: a Reject of IP-Address closes IPCP, and
// with it the link (no network protocol left).
TEST(PppRejectingPeer, PeerRoleCannotDoWithoutAnAddress) {
  LinkConfig config = peer_config();
  config.ccp.policy = MppePolicy::kRefused;
  RejectingPeer peer{config};
  peer.run();
  EXPECT_EQ(peer.down, CloseReason::kNoAddress);
  EXPECT_FALSE(peer.up);
}

// The authenticator can leave its own address out, and after Max-Failure
// (5) Naks of the peer's empty request, it stops suggesting the address and
// acks (RFC 1661 4.6): IPCP opens, the peer assumed to use the assigned one.
TEST(PppRejectingPeer, AuthenticatorIpcpConvergesAfterMaxFailure) {
  LinkConfig config;
  config.lcp.auth_methods.clear();
  config.ccp.policy = MppePolicy::kRefused;
  RejectingPeer peer{config};
  peer.run();
  ASSERT_TRUE(peer.up);
  EXPECT_FALSE(peer.down);
  EXPECT_TRUE(peer.last_request.at(wire::kPppIpcp).empty());
  EXPECT_EQ(peer.naks_received[wire::kPppIpcp], FsmLimits{}.max_failure);
  ASSERT_TRUE(peer.link.parameters().ipv4);
  EXPECT_EQ(peer.link.parameters().ipv4->peer, 0xC6120002u);
}

}  // namespace
}  // namespace pptpkit::ppp
