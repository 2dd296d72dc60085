#include "ppp/lcp.h"

#include <algorithm>
#include <array>
#include <vector>

#include "ppp/deadline.h"
#include "wire/ppp_control.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

using wire::PppControlPacket;

Lcp::Lcp(const LcpConfig& config, Role role, RandomSource& random, KeepaliveConfig keepalive,
         ControlOutput& output, LayerEvents& events, FsmLimits limits)
    : ControlProtocol(wire::kPppLcp, output, events, limits),
      negotiation_{config, role, random, {}, {}},
      keepalive_(keepalive),
      output_(output) {}

void Lcp::write_request(ByteWriter& w) { write_options(lcp_option_table(), negotiation_, w); }

// RFC 1661 6.4: a request carrying our own Magic-Number may be our own
// request looped back. It is answered with the Magic-Number Nak alone: a
// Reject of what only we would ask for (the authenticator's
// Authentication-Protocol) would come back to us and close the link for
// the wrong reason before the loop is recognised.
Verdict Lcp::examine_request(Bytes options, ConfigureReply& reply) {
  const int collisions = negotiation_.magic_collisions;
  const Verdict verdict = examine_options(lcp_option_table(), negotiation_, options, reply);
  if (verdict.kind == Verdict::Kind::kApplied && negotiation_.magic_collisions > collisions) {
    reply.withdraw_rejects();
  }
  return verdict;
}

Verdict Lcp::on_nak(Bytes options) { return apply_naks(lcp_option_table(), negotiation_, options); }

Verdict Lcp::on_reject(Bytes options) { return apply_rejects(lcp_option_table(), negotiation_, options); }

void Lcp::layer_up(Timestamp now) {
  keepalive_.start(now);
  ControlProtocol::layer_up(now);
}

void Lcp::layer_down(Timestamp now) {
  keepalive_.stop();
  ControlProtocol::layer_down(now);
}

void Lcp::reject_protocol(Timestamp now, std::uint16_t protocol, Bytes information) {
  if (!fsm().opened()) return;
  // Code, Identifier, Length and the Rejected-Protocol field come first.
  const std::size_t room = output_.peer_mru() - wire::kPppControlHeaderSize - 2;
  const Bytes rejected = information.first(std::min(information.size(), room));
  std::vector<std::uint8_t> data(2 + rejected.size());
  ByteWriter w(data);
  w.u16(protocol);
  w.bytes(rejected);
  fsm().send_new_packet(now, wire::kPppProtocolReject, data);
}

bool Lcp::on_extra_code(Timestamp now, const PppControlPacket& packet) {
  switch (packet.code) {
    case wire::kPppProtocolReject: {
      auto reject = wire::decode_protocol_reject(packet);
      if (!reject) return true;
      if (reject->rejected_protocol == wire::kPppLcp) {
        fsm().protocol_rejected(now);
      } else {
        events_.protocol_rejected(now, reject->rejected_protocol);
      }
      return true;
    }
    case wire::kPppEchoRequest:
      answer_echo(now, packet);
      return true;
    case wire::kPppEchoReply: {
      // A reply carrying our own Magic-Number is our request looped back.
      auto reply = wire::decode_magic_number_packet(packet);
      if (reply && (!ours().magic || reply->magic_number != *ours().magic)) keepalive_.on_reply();
      return true;
    }
    // RFC 1661 5.8 and RFC 1570 2.1, 2.2: accepted and ignored (the link
    // logs them).
    case wire::kPppDiscardRequest:
    case wire::kPppIdentification:
    case wire::kPppTimeRemaining:
      return true;
    default:
      return false;
  }
}

// RFC 1661 5.8: answered only in the Opened state (the RXR event), with our
// Magic-Number and the request's data.
void Lcp::answer_echo(Timestamp now, const PppControlPacket& packet) {
  if (!fsm().opened()) return;
  auto request = wire::decode_magic_number_packet(packet);
  if (!request) return;
  if (ours().magic && request->magic_number == *ours().magic) return;  // looped back
  std::vector<std::uint8_t> data(4 + request->data.size());
  ByteWriter w(data);
  w.u32(ours().magic.value_or(0));
  w.bytes(request->data);
  fsm().send_packet(now, wire::kPppEchoReply, packet.identifier, data);
}

void Lcp::send_echo_request(Timestamp now) {
  std::array<std::uint8_t, 4> data{};
  ByteWriter w(data);
  w.u32(ours().magic.value_or(0));
  fsm().send_new_packet(now, wire::kPppEchoRequest, data);
}

void Lcp::on_timeout(Timestamp now) {
  fsm().on_timeout(now);
  switch (keepalive_.on_timeout(now)) {
    case Keepalive::Action::kSendEcho:
      send_echo_request(now);
      break;
    case Keepalive::Action::kGiveUp:
      fsm().admin_close(now, CloseReason::kKeepaliveTimeout);
      break;
    case Keepalive::Action::kNone:
      break;
  }
}

std::optional<Timestamp> Lcp::next_deadline() const {
  return earliest(fsm().next_deadline(), keepalive_.next_deadline());
}

}  // namespace pptpkit::ppp
