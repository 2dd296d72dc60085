#include "tools/auth_verifier.h"

#include "ppp/auth_chap_answer.h"
#include "wire/ppp_auth.h"

namespace pptpkit::tools {
namespace {

AuthVerdict verify_chap(const AuthExchange& exchange, ppp::AuthMethod method, const std::string& password) {
  // RFC 2759 4: the Peer-Challenge the hashes need travels in the Response.
  ppp::PeerChallenge peer_challenge{};
  if (method == ppp::AuthMethod::kMsChapV2) {
    const auto value = wire::decode_mschapv2_response(exchange.response);
    if (!value) return {};
    peer_challenge = value->peer_challenge;
  }
  const auto expected = ppp::chap_answer(method, exchange.response_identifier, exchange.challenge,
                                         peer_challenge, exchange.user, password);
  if (!expected) return {};
  if (ppp::compare_chap_response(method, expected->value, exchange.response) != ppp::AuthFailure::kNone) {
    return {};
  }
  return {.verified = true, .key_material = expected->key_material};
}

}  // namespace

std::optional<AuthVerdict> verify_exchange(const AuthExchange& exchange, const ppp::SecretsSource& secrets) {
  if (!exchange.method || !exchange.responded) return std::nullopt;
  const bool pap = *exchange.method == ppp::AuthMethod::kPap;
  // A CHAP Response needs its Challenge; a PAP request under a CHAP
  // agreement (or a CHAP Response under PAP) matches no method.
  if (!pap && exchange.challenge.empty()) return std::nullopt;
  if (pap != exchange.response.empty()) return std::nullopt;
  const auto secret =
      secrets.lookup(exchange.user, pap ? std::string_view("*") : exchange.authenticator_name);
  if (!secret) return std::nullopt;
  if (pap)
    return AuthVerdict{.verified = secret->password == exchange.password, .key_material = std::nullopt};
  return verify_chap(exchange, *exchange.method, secret->password);
}

}  // namespace pptpkit::tools
