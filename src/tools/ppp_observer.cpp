#include "tools/ppp_observer.h"

#include <algorithm>

#include "ppp/ccp.h"
#include "wire/ppp_auth.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::tools {
namespace {

Direction opposite(Direction d) {
  return d == Direction::kPnsToPac ? Direction::kPacToPns : Direction::kPnsToPac;
}

std::string bounded(std::string_view text) { return std::string(text.substr(0, PppObserver::kMaxTextSize)); }

}  // namespace

PppChange PppObserver::on_control(Direction from, const PppDecoded& ppp) {
  if (!ppp.control) return PppChange::kNone;
  switch (ppp.frame.protocol) {
    case wire::kPppLcp:
      if (ppp.control->code == wire::kPppConfigureAck) on_lcp_ack(ppp);
      return PppChange::kNone;
    case wire::kPppChap:
      return on_chap(from, *ppp.control);
    case wire::kPppPap:
      return on_pap(from, *ppp.control);
    case wire::kPppCcp:
      return ppp.control->code == wire::kPppConfigureAck ? on_ccp_ack(ppp) : PppChange::kNone;
    default:
      return PppChange::kNone;
  }
}

// RFC 1661 5.2: the Ack repeats the authenticator's request, so it names
// the method both sides agreed on. A new negotiation restarts the exchange.
void PppObserver::on_lcp_ack(const PppDecoded& ppp) {
  for (const wire::PppOption& option : ppp.options) {
    if (option.type != wire::kLcpAuthenticationProtocol) continue;
    const auto decoded = wire::decode_authentication_protocol_option(option);
    if (!decoded) continue;
    auth_ = AuthExchange{};
    auth_.method = ppp::auth_method(*decoded);
  }
}

PppChange PppObserver::on_chap(Direction from, const wire::PppControlPacket& packet) {
  switch (packet.code) {
    case wire::kChapChallenge: {
      const auto challenge = wire::decode_chap_challenge_response(packet);
      if (!challenge) return PppChange::kNone;
      // A retransmitted Challenge keeps the Response already seen.
      const bool same = auth_.authenticator_sends == from &&
                        auth_.challenge_identifier == packet.identifier &&
                        std::ranges::equal(challenge->value, auth_.challenge);
      if (same) return PppChange::kNone;
      auth_.authenticator_sends = from;
      auth_.authenticator_name = bounded(challenge->name);
      auth_.challenge_identifier = packet.identifier;
      auth_.challenge.assign(challenge->value.begin(), challenge->value.end());
      auth_.responded = false;
      auth_.response.clear();
      auth_.accepted.reset();
      return PppChange::kNone;
    }
    case wire::kChapResponse: {
      const auto response = wire::decode_chap_challenge_response(packet);
      if (!response || auth_.authenticator_sends != opposite(from)) return PppChange::kNone;
      auth_.responded = true;
      auth_.response_identifier = packet.identifier;
      auth_.response.assign(response->value.begin(), response->value.end());
      auth_.user = bounded(response->name);
      return PppChange::kResponse;
    }
    case wire::kChapSuccess:
    case wire::kChapFailure:
      if (auth_.authenticator_sends == from) auth_.accepted = packet.code == wire::kChapSuccess;
      return PppChange::kNone;
    default:
      return PppChange::kNone;
  }
}

PppChange PppObserver::on_pap(Direction from, const wire::PppControlPacket& packet) {
  switch (packet.code) {
    case wire::kPapAuthenticateRequest: {
      const auto request = wire::decode_pap_request(packet);
      if (!request) return PppChange::kNone;
      auth_.authenticator_sends = opposite(from);
      auth_.responded = true;
      auth_.response_identifier = packet.identifier;
      auth_.user = bounded(request->peer_id);
      auth_.password = bounded(request->password);
      auth_.accepted.reset();
      return PppChange::kResponse;
    }
    case wire::kPapAuthenticateAck:
    case wire::kPapAuthenticateNak:
      if (auth_.authenticator_sends == from) auth_.accepted = packet.code == wire::kPapAuthenticateAck;
      return PppChange::kNone;
    default:
      return PppChange::kNone;
  }
}

// RFC 3078 2: each side's request names how the other encrypts toward it;
// pptpkit, pppd and Windows agree on one strength and mode for both.
PppChange PppObserver::on_ccp_ack(const PppDecoded& ppp) {
  for (const wire::PppOption& option : ppp.options) {
    if (option.type != wire::kCcpMppe) continue;
    const auto bits = wire::decode_u32_option(option);
    if (!bits) continue;
    mppe_ = ppp::mppe_parameters(*bits);
    return PppChange::kMppeNegotiated;
  }
  return PppChange::kNone;
}

}  // namespace pptpkit::tools
