#include "crypto/mschap.h"

#include <openssl/crypto.h>

#include "crypto/constant_time.h"
#include "crypto/digest.h"

namespace pptpkit::crypto {
namespace {

Bytes as_bytes(std::string_view s) {
  return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

// RFC 2759 8.7: the two constants GenerateAuthenticatorResponse hashes in,
// given there as octet tables of these ASCII texts.
constexpr std::string_view kMagic1 = "Magic server to client signing constant";
constexpr std::string_view kMagic2 = "Pad to make it do more than one iteration";
static_assert(kMagic1.size() == 39 && kMagic2.size() == 41);

// RFC 2433 appendix A DesHash: StdText.
constexpr std::array<std::uint8_t, kDesBlockSize> kStdText{'K', 'G', 'S', '!', '@', '#', '$', '%'};

std::string authenticator_response_text(const Sha1Digest& digest) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out = "S=";
  out.reserve(kAuthenticatorResponseSize);
  for (std::uint8_t octet : digest) {
    out += kHex[octet >> 4];
    out += kHex[octet & 0x0F];
  }
  return out;
}

}  // namespace

Result<PasswordHash, PasswordError> nt_password_hash(std::string_view password) {
  auto unicode = to_unicode_password(password);
  if (!unicode) return Unexpected{unicode.error()};
  return md4(unicode->bytes());
}

Response challenge_response(ChallengeView challenge, PasswordHashView password_hash) {
  std::array<std::uint8_t, 3 * kDesKey56Size> z_password_hash{};  // ZPasswordHash: zero padded to 21
  for (std::size_t i = 0; i < password_hash.size(); ++i) z_password_hash[i] = password_hash[i];
  Response response{};
  for (std::size_t part = 0; part < 3; ++part) {
    const auto key =
        std::span<const std::uint8_t>(z_password_hash).subspan(part * kDesKey56Size).first<kDesKey56Size>();
    const DesBlock block = des_encrypt(challenge, key);
    for (std::size_t i = 0; i < block.size(); ++i) response[part * kDesBlockSize + i] = block[i];
  }
  OPENSSL_cleanse(z_password_hash.data(), z_password_hash.size());
  return response;
}

PasswordHash hash_nt_password_hash(PasswordHashView password_hash) { return md4(password_hash); }

Challenge challenge_hash(MschapV2ChallengeView peer_challenge, MschapV2ChallengeView authenticator_challenge,
                         std::string_view user_name) {
  const Sha1Digest digest = sha1({peer_challenge, authenticator_challenge, as_bytes(user_name)});
  Challenge challenge{};
  for (std::size_t i = 0; i < challenge.size(); ++i) challenge[i] = digest[i];
  return challenge;
}

std::string_view user_name_without_domain(std::string_view user_name) {
  const auto slash = user_name.rfind('\\');
  return slash == std::string_view::npos ? user_name : user_name.substr(slash + 1);
}

Response generate_nt_response(MschapV2ChallengeView authenticator_challenge,
                              MschapV2ChallengeView peer_challenge, std::string_view user_name,
                              PasswordHashView password_hash) {
  const Challenge challenge = challenge_hash(peer_challenge, authenticator_challenge, user_name);
  return challenge_response(challenge, password_hash);
}

bool check_nt_response(MschapV2ChallengeView authenticator_challenge, MschapV2ChallengeView peer_challenge,
                       std::string_view user_name, PasswordHashView password_hash,
                       Bytes received_nt_response) {
  const Response expected =
      generate_nt_response(authenticator_challenge, peer_challenge, user_name, password_hash);
  return constant_time_equal(expected, received_nt_response);
}

std::string generate_authenticator_response(PasswordHashView password_hash, ResponseView nt_response,
                                            MschapV2ChallengeView peer_challenge,
                                            MschapV2ChallengeView authenticator_challenge,
                                            std::string_view user_name) {
  const PasswordHash password_hash_hash = hash_nt_password_hash(password_hash);
  const Sha1Digest first = sha1({password_hash_hash, nt_response, as_bytes(kMagic1)});
  const Challenge challenge = challenge_hash(peer_challenge, authenticator_challenge, user_name);
  return authenticator_response_text(sha1({first, challenge, as_bytes(kMagic2)}));
}

bool check_authenticator_response(PasswordHashView password_hash, ResponseView nt_response,
                                  MschapV2ChallengeView peer_challenge,
                                  MschapV2ChallengeView authenticator_challenge, std::string_view user_name,
                                  std::string_view received) {
  if (received.size() != kAuthenticatorResponseSize) return false;
  const std::string expected = generate_authenticator_response(password_hash, nt_response, peer_challenge,
                                                               authenticator_challenge, user_name);
  // Upper-case the received hex digits, not the "S=" (branch-free per
  // character, so the comparison's timing stays independent of the contents).
  std::array<std::uint8_t, kAuthenticatorResponseSize> normalised{};
  for (std::size_t i = 0; i < received.size(); ++i) {
    const auto c = static_cast<std::uint8_t>(received[i]);
    const auto is_lower_hex = static_cast<std::uint8_t>((i >= 2) & (c >= 'a') & (c <= 'f'));
    normalised[i] = static_cast<std::uint8_t>(c - (is_lower_hex << 5));
  }
  return constant_time_equal(normalised, as_bytes(expected));
}

DesBlock des_hash(std::span<const std::uint8_t, kDesKey56Size> clear) { return des_encrypt(kStdText, clear); }

Result<PasswordHash, PasswordError> lm_password_hash(std::string_view password) {
  auto lm = to_lm_password(password);
  if (!lm) return Unexpected{lm.error()};
  const auto& octets = lm->octets();
  const DesBlock high =
      des_hash(std::span<const std::uint8_t, kLmPasswordSize>(octets).first<kDesKey56Size>());
  const DesBlock low = des_hash(std::span<const std::uint8_t, kLmPasswordSize>(octets).last<kDesKey56Size>());
  PasswordHash hash{};
  for (std::size_t i = 0; i < kDesBlockSize; ++i) {
    hash[i] = high[i];
    hash[kDesBlockSize + i] = low[i];
  }
  return hash;
}

Result<Response, PasswordError> lm_challenge_response(ChallengeView challenge, std::string_view password) {
  auto hash = lm_password_hash(password);
  if (!hash) return Unexpected{hash.error()};
  return challenge_response(challenge, *hash);
}

Result<Response, PasswordError> nt_challenge_response(ChallengeView challenge, std::string_view password) {
  auto hash = nt_password_hash(password);
  if (!hash) return Unexpected{hash.error()};
  return challenge_response(challenge, *hash);
}

}  // namespace pptpkit::crypto
