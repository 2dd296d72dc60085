#include "ppp/auth_chap_answer.h"

#include <stdexcept>

#include "crypto/constant_time.h"
#include "crypto/digest.h"
#include "wire/ppp_auth.h"

namespace pptpkit::ppp {
namespace {

constexpr std::size_t kMd5ChallengeSize = 16;

Bytes as_bytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

std::vector<std::uint8_t> encoded(Result<std::size_t, wire::PppError> size, const std::uint8_t* data) {
  if (!size) throw std::logic_error("MS-CHAP response does not fit its fixed size");
  return {data, data + *size};
}

Result<ChapAnswer, AuthFailure> md5_answer(std::uint8_t identifier, Bytes challenge,
                                           std::string_view password) {
  // RFC 1994 4.1: MD5 over Identifier || secret || Challenge Value.
  const std::array<std::uint8_t, 1> id{identifier};
  const crypto::Md5Digest digest = crypto::md5({id, as_bytes(password), challenge});
  return ChapAnswer{{digest.begin(), digest.end()}, std::nullopt, {}};
}

Result<ChapAnswer, AuthFailure> mschap_v1_answer(Bytes challenge_value, std::string_view password) {
  const auto challenge = wire::decode_mschapv1_challenge(challenge_value);
  const auto password_hash = crypto::nt_password_hash(password);
  if (!challenge || !password_hash) return Unexpected{AuthFailure::kInvalidCredentials};
  wire::MsChapV1Response response;
  response.nt_response = crypto::challenge_response(*challenge, *password_hash);
  response.use_nt_response = 1;
  MppeKeyMaterial keys;
  keys.method = AuthMethod::kMsChapV1;
  keys.nt_password_hash_hash = crypto::hash_nt_password_hash(*password_hash);
  keys.challenge = *challenge;
  if (const auto lm = crypto::lm_password_hash(password)) keys.lm_password_hash = *lm;
  std::array<std::uint8_t, wire::kMsChapResponseSize> buffer{};
  return ChapAnswer{encoded(wire::encode_mschapv1_response(response, buffer), buffer.data()), keys, {}};
}

Result<ChapAnswer, AuthFailure> mschap_v2_answer(Bytes challenge_value, const PeerChallenge& peer_challenge,
                                                 std::string_view user_name, std::string_view password) {
  const auto challenge = wire::decode_mschapv2_challenge(challenge_value);
  const auto password_hash = crypto::nt_password_hash(password);
  if (!challenge || !password_hash) return Unexpected{AuthFailure::kInvalidCredentials};
  // RFC 2759 8.2: the hashes use the name without any "DOMAIN\" prefix.
  const std::string_view name = crypto::user_name_without_domain(user_name);
  wire::MsChapV2Response response;
  response.peer_challenge = peer_challenge;
  response.nt_response = crypto::generate_nt_response(*challenge, peer_challenge, name, *password_hash);
  MppeKeyMaterial keys;
  keys.method = AuthMethod::kMsChapV2;
  keys.nt_password_hash_hash = crypto::hash_nt_password_hash(*password_hash);
  keys.nt_response = response.nt_response;
  std::array<std::uint8_t, wire::kMsChapResponseSize> buffer{};
  return ChapAnswer{encoded(wire::encode_mschapv2_response(response, buffer), buffer.data()), keys,
                    crypto::generate_authenticator_response(*password_hash, response.nt_response,
                                                            peer_challenge, *challenge, name)};
}

// The NT-Response of an MS-CHAP Response Value (nullopt if malformed), and
// whether an MS-CHAPv1 value asks to use its LAN Manager response instead.
struct NtField {
  std::optional<crypto::Response> nt_response;
  bool lm_only = false;
};

NtField nt_field(AuthMethod method, Bytes value) {
  if (method == AuthMethod::kMsChapV1) {
    const auto response = wire::decode_mschapv1_response(value);
    if (!response) return {};
    return {response->nt_response, response->use_nt_response != 1};
  }
  const auto response = wire::decode_mschapv2_response(value);
  if (!response) return {};
  return {response->nt_response, false};
}

}  // namespace

std::size_t chap_challenge_size(AuthMethod method) {
  return method == AuthMethod::kMsChapV1 ? wire::kMsChapV1ChallengeSize : kMd5ChallengeSize;
}

bool chap_challenge_size_ok(AuthMethod method, std::size_t size) {
  if (method == AuthMethod::kChapMd5) return size > 0;
  return size == chap_challenge_size(method);
}

Result<ChapAnswer, AuthFailure> chap_answer(AuthMethod method, std::uint8_t identifier, Bytes challenge,
                                            const PeerChallenge& peer_challenge, std::string_view user_name,
                                            std::string_view password) {
  switch (method) {
    case AuthMethod::kMsChapV1:
      return mschap_v1_answer(challenge, password);
    case AuthMethod::kMsChapV2:
      return mschap_v2_answer(challenge, peer_challenge, user_name, password);
    case AuthMethod::kChapMd5:
    case AuthMethod::kPap:
      break;
  }
  return md5_answer(identifier, challenge, password);
}

AuthFailure compare_chap_response(AuthMethod method, Bytes expected, Bytes received) {
  if (method == AuthMethod::kChapMd5) {
    return crypto::constant_time_equal(expected, received) ? AuthFailure::kNone : AuthFailure::kWrongPassword;
  }
  const NtField mine = nt_field(method, expected);
  const NtField theirs = nt_field(method, received);
  if (theirs.lm_only) return AuthFailure::kUnsupportedResponse;
  if (!mine.nt_response || !theirs.nt_response) return AuthFailure::kWrongPassword;
  return crypto::constant_time_equal(*mine.nt_response, *theirs.nt_response) ? AuthFailure::kNone
                                                                             : AuthFailure::kWrongPassword;
}

}  // namespace pptpkit::ppp
