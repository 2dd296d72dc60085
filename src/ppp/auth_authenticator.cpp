#include "ppp/auth_authenticator.h"

#include "crypto/constant_time.h"
#include "ppp/auth_chap_answer.h"
#include "ppp/auth_mschap_text.h"
#include "wire/ppp_auth.h"

namespace pptpkit::ppp {
namespace {

Bytes as_bytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

// Room for a control header, a counted field and the texts that follow.
std::size_t packet_capacity(std::size_t text_size) {
  return wire::kPppControlHeaderSize + 1 + 0xFF + text_size;
}

bool is_mschap(AuthMethod m) { return m == AuthMethod::kMsChapV1 || m == AuthMethod::kMsChapV2; }

}  // namespace

Authenticator::Authenticator(AuthenticatorConfig config, const SecretsSource& secrets, RandomSource& random)
    : AuthSession(config.method, config.timing),
      config_(std::move(config)),
      secrets_(secrets),
      random_(random) {}

void Authenticator::start(Timestamp now) {
  state_ = AuthState::kInProgress;
  if (method() == AuthMethod::kPap) {
    start_timer(now);
    return;
  }
  challenge_.resize(chap_challenge_size(method()));
  random_.fill(challenge_);
  send_challenge(now);
}

// RFC 1994 4.1: a fresh Identifier for each new challenge.
void Authenticator::send_challenge(Timestamp now) {
  ++identifier_;
  verdict_sent_ = false;
  queue_challenge();
  start_timer(now);
}

void Authenticator::queue_challenge() {
  const wire::ChapChallengeResponse challenge{challenge_, config_.name};
  queue_packet(packet_capacity(config_.name.size()), [&](MutableBytes out) {
    return wire::encode_chap_challenge_response(wire::kChapChallenge, identifier_, challenge, out);
  });
}

void Authenticator::on_timeout(Timestamp now) {
  if (state_ != AuthState::kInProgress || !timer_expired(now)) return;
  if (!next_try(now)) {
    fail(AuthFailure::kTimeout);
    return;
  }
  if (method() == AuthMethod::kPap) return;
  // RFC 1994 4.1: the Challenge is retransmitted unchanged.
  queue_challenge();
}

void Authenticator::on_packet(Timestamp now, Bytes information) {
  if (state_ == AuthState::kIdle) return;
  const auto packet = wire::decode_ppp_control_packet(information);
  if (!packet) return;
  if (method() == AuthMethod::kPap && packet->code == wire::kPapAuthenticateRequest) {
    on_pap_request(now, *packet);
  } else if (method() != AuthMethod::kPap && packet->code == wire::kChapResponse) {
    on_chap_response(now, *packet);
  }
}

void Authenticator::on_pap_request(Timestamp now, const wire::PppControlPacket& packet) {
  const auto request = wire::decode_pap_request(packet);
  if (!request) return;
  // RFC 1334 2.2.1: a Request after the verdict (our Ack or Nak was lost)
  // is answered with the same verdict.
  if (state_ != AuthState::kInProgress) {
    resend_verdict(packet.identifier);
    return;
  }
  outcome_.user_name = std::string(request->peer_id);
  const auto secret = secrets_.lookup(request->peer_id, config_.name);
  if (!secret) {
    record_failure(now, packet.identifier, AuthFailure::kUnknownUser);
  } else if (!crypto::constant_time_equal(as_bytes(secret->password), as_bytes(request->password))) {
    record_failure(now, packet.identifier, AuthFailure::kWrongPassword);
  } else {
    outcome_.addresses = secret->addresses;
    succeed();
    reply(packet.identifier, true, config_.success_message);
  }
}

void Authenticator::on_chap_response(Timestamp now, const wire::PppControlPacket& packet) {
  // RFC 1994 4.1: only a Response to the outstanding Challenge counts.
  if (packet.identifier != identifier_) return;
  const auto response = wire::decode_chap_challenge_response(packet);
  if (!response) return;
  if (verdict_sent_) {
    resend_verdict(packet.identifier);
    return;
  }
  if (state_ != AuthState::kInProgress) return;
  PeerChallenge peer_challenge{};
  if (method() == AuthMethod::kMsChapV2) {
    const auto value = wire::decode_mschapv2_response(response->value);
    if (!value) return;
    peer_challenge = value->peer_challenge;
  }
  outcome_.user_name = std::string(response->name);
  const auto secret = secrets_.lookup(response->name, config_.name);
  if (!secret) {
    record_failure(now, packet.identifier, AuthFailure::kUnknownUser);
    return;
  }
  const auto expected =
      chap_answer(method(), packet.identifier, challenge_, peer_challenge, response->name, secret->password);
  if (!expected) {
    record_failure(now, packet.identifier, expected.error());
    return;
  }
  if (const AuthFailure why = compare_chap_response(method(), expected->value, response->value);
      why != AuthFailure::kNone) {
    record_failure(now, packet.identifier, why);
    return;
  }
  outcome_.addresses = secret->addresses;
  outcome_.key_material = expected->key_material;
  succeed();
  // RFC 2759 5: the Success message proves the authenticator knows the
  // password too.
  reply(packet.identifier, true,
        method() == AuthMethod::kMsChapV2
            ? format_mschap_v2_success(expected->authenticator_response, config_.success_message)
            : config_.success_message);
}

void Authenticator::record_failure(Timestamp now, std::uint8_t identifier, AuthFailure why) {
  ++failures_;
  const bool retry = failures_ < config_.max_failures;
  if (retry && is_mschap(method())) {
    next_challenge_.resize(challenge_.size());
    random_.fill(next_challenge_);
  }
  if (!retry) {
    fail(why);
    if (is_mschap(method())) outcome_.mschap_error = kMsChapAuthenticationFailure;
  }
  reply(identifier, false,
        method() == AuthMethod::kPap || method() == AuthMethod::kChapMd5 ? config_.failure_message
                                                                         : chap_failure_text(retry));
  if (!retry) return;
  if (method() == AuthMethod::kPap) {
    // RFC 1334 2.2.1: the peer may send another Request.
    verdict_sent_ = false;
    start_timer(now);
    return;
  }
  if (is_mschap(method())) {
    challenge_ = next_challenge_;
  } else {
    random_.fill(challenge_);
  }
  send_challenge(now);
}

// RFC 2759 6 / RFC 2433 2.2: E=691 and, for a retry, R=1 with the next
// challenge; MS-CHAPv2 always names a challenge and V=3.
std::string Authenticator::chap_failure_text(bool retry) const {
  MsChapFailure failure;
  failure.retry = retry;
  if (retry) {
    failure.challenge = next_challenge_;
  } else if (method() == AuthMethod::kMsChapV2) {
    failure.challenge = challenge_;
  }
  if (method() == AuthMethod::kMsChapV2) failure.version = 3;
  failure.message = config_.failure_message;
  return format_mschap_failure(failure);
}

void Authenticator::reply(std::uint8_t identifier, bool success, std::string message) {
  verdict_sent_ = true;
  verdict_success_ = success;
  verdict_message_ = std::move(message);
  resend_verdict(identifier);
}

void Authenticator::resend_verdict(std::uint8_t identifier) {
  if (!verdict_sent_) return;
  const std::string& text = verdict_message_;
  queue_packet(packet_capacity(text.size()), [&](MutableBytes out) {
    if (method() == AuthMethod::kPap) {
      return wire::encode_pap_message(
          verdict_success_ ? wire::kPapAuthenticateAck : wire::kPapAuthenticateNak, identifier, text, out);
    }
    return wire::encode_chap_message(verdict_success_ ? wire::kChapSuccess : wire::kChapFailure, identifier,
                                     text, out);
  });
}

}  // namespace pptpkit::ppp
