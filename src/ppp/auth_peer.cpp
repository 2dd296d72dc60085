#include "ppp/auth_peer.h"

#include <cctype>

#include "crypto/constant_time.h"
#include "ppp/auth_chap_answer.h"
#include "ppp/auth_mschap_text.h"
#include "wire/ppp_auth.h"

namespace pptpkit::ppp {
namespace {

Bytes as_bytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

AuthFailure failure_for(std::uint32_t error) {
  switch (error) {
    case kMsChapRestrictedLogonHours:
      return AuthFailure::kRestrictedLogonHours;
    case kMsChapAccountDisabled:
      return AuthFailure::kAccountDisabled;
    case kMsChapPasswordExpired:
      return AuthFailure::kPasswordExpired;
    case kMsChapNoDialinPermission:
      return AuthFailure::kNoDialinPermission;
    default:
      return AuthFailure::kRejected;
  }
}

}  // namespace

AuthPeer::AuthPeer(AuthPeerConfig config, RandomSource& random)
    : AuthSession(config.method, config.timing), config_(std::move(config)), random_(random) {
  outcome_.user_name = config_.user_name;
}

void AuthPeer::start(Timestamp now) {
  state_ = AuthState::kInProgress;
  start_timer(now);
  if (method() == AuthMethod::kPap) {
    send_pap_request();
  } else if (answered_) {
    // The verdict (or our Response) was lost: an authenticator that already
    // decided answers a repeated Response with the same verdict (RFC 1994
    // 4.2 leaves it to the peer to ask again; Windows does).
    send_chap_response(*answered_);
  }
}

void AuthPeer::send_pap_request() {
  ++identifier_;
  const wire::PapRequest request{config_.user_name, config_.password};
  queue_packet(wire::kPppControlHeaderSize + 2 + config_.user_name.size() + config_.password.size(),
               [&](MutableBytes out) { return wire::encode_pap_request(identifier_, request, out); });
}

void AuthPeer::on_timeout(Timestamp now) {
  if (state_ != AuthState::kInProgress || !timer_expired(now)) return;
  if (!next_try(now)) {
    fail(AuthFailure::kTimeout);
    return;
  }
  if (method() == AuthMethod::kPap) {
    send_pap_request();
  } else if (answered_) {
    // The verdict (or our Response) was lost: an authenticator that already
    // decided answers a repeated Response with the same verdict (RFC 1994
    // 4.2 leaves it to the peer to ask again; Windows does).
    send_chap_response(*answered_);
  }
}

void AuthPeer::on_packet(Timestamp, Bytes information) {
  if (state_ != AuthState::kInProgress) return;
  const auto packet = wire::decode_ppp_control_packet(information);
  if (!packet) return;
  if (method() == AuthMethod::kPap) {
    const bool verdict =
        packet->code == wire::kPapAuthenticateAck || packet->code == wire::kPapAuthenticateNak;
    if (verdict && packet->identifier == identifier_) on_verdict(*packet);
  } else if (packet->code == wire::kChapChallenge) {
    on_challenge(*packet);
  } else if ((packet->code == wire::kChapSuccess || packet->code == wire::kChapFailure) &&
             answered_ == packet->identifier) {
    on_verdict(*packet);
  }
}

void AuthPeer::on_challenge(const wire::PppControlPacket& packet) {
  const auto challenge = wire::decode_chap_challenge_response(packet);
  if (!challenge || !chap_challenge_size_ok(method(), challenge->value.size())) return;
  // RFC 1994 4.1: a retransmitted Challenge (same Identifier) is answered
  // with the same Response, so an MS-CHAPv2 Peer-Challenge is drawn once.
  if (answered_ != packet.identifier) {
    PeerChallenge peer_challenge{};
    if (method() == AuthMethod::kMsChapV2) random_.fill(peer_challenge);
    auto answer = chap_answer(method(), packet.identifier, challenge->value, peer_challenge,
                              config_.user_name, config_.password);
    if (!answer) {
      fail(answer.error());
      return;
    }
    answered_ = packet.identifier;
    response_ = std::move(answer->value);
    key_material_ = answer->key_material;
    expected_authenticator_response_ = std::move(answer->authenticator_response);
  }
  send_chap_response(packet.identifier);
}

void AuthPeer::send_chap_response(std::uint8_t identifier) {
  const wire::ChapChallengeResponse response{response_, config_.user_name};
  queue_packet(wire::kPppControlHeaderSize + 1 + response_.size() + config_.user_name.size(),
               [&](MutableBytes out) {
                 return wire::encode_chap_challenge_response(wire::kChapResponse, identifier, response, out);
               });
}

void AuthPeer::on_verdict(const wire::PppControlPacket& packet) {
  const bool pap = method() == AuthMethod::kPap;
  const auto text = pap ? wire::decode_pap_message(packet) : wire::decode_chap_message(packet);
  if (!text) return;
  const bool success = packet.code == (pap ? wire::kPapAuthenticateAck : wire::kChapSuccess);
  if (!success) {
    if (method() == AuthMethod::kMsChapV1 || method() == AuthMethod::kMsChapV2) {
      on_mschap_failure(*text);
    } else {
      outcome_.message = std::string(*text);
      fail(AuthFailure::kRejected);
    }
    return;
  }
  if (method() == AuthMethod::kMsChapV2) {
    const auto parsed = parse_mschap_v2_success(*text);
    if (!parsed || !authenticator_response_ok(parsed->authenticator_response)) {
      fail(AuthFailure::kBadAuthenticatorResponse);
      return;
    }
    outcome_.message = std::string(parsed->message);
  } else {
    outcome_.message = std::string(*text);
  }
  outcome_.key_material = key_material_;
  succeed();
}

void AuthPeer::on_mschap_failure(std::string_view text) {
  const auto failure = parse_mschap_failure(text);
  if (!failure) {
    outcome_.message = std::string(text);
    fail(AuthFailure::kRejected);
    return;
  }
  outcome_.message = failure->message;
  outcome_.mschap_error = failure->error;
  fail(failure_for(failure->error));
}

// RFC 2759 8.8: the 42 characters must equal what the authenticator computes
// from the password; its hex digits may come in either case.
bool AuthPeer::authenticator_response_ok(std::string_view text) const {
  std::string received(text);
  for (char& c : received) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return crypto::constant_time_equal(as_bytes(received), as_bytes(expected_authenticator_response_));
}

}  // namespace pptpkit::ppp
