#include "crypto/mschap.h"

#include <gtest/gtest.h>

#include "crypto/digest.h"
#include "hex_util.h"

namespace pptpkit::crypto {
namespace {

using test::hex;
using test::hex_array;
using test::to_vector;

// RFC 2759 section 9.2, "Examples of Key Derivation" inputs and outputs.
constexpr std::string_view kUserName = "User";
constexpr std::string_view kPassword = "clientPass";
const auto kAuthenticatorChallenge = hex_array<16>("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
const auto kPeerChallenge = hex_array<16>("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
const auto kChallenge = hex_array<8>("D0 2E 43 86 BC E9 12 26");
const auto kPasswordHash = hex_array<16>("44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE");
const auto kNtResponse =
    hex_array<24>("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
const auto kPasswordHashHash = hex_array<16>("41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F");
constexpr std::string_view kAuthenticatorResponse = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

TEST(MschapV2, Rfc2759Section92Vectors) {
  const auto password_hash = nt_password_hash(kPassword);
  ASSERT_TRUE(password_hash);
  EXPECT_EQ(*password_hash, kPasswordHash);
  EXPECT_EQ(challenge_hash(kPeerChallenge, kAuthenticatorChallenge, kUserName), kChallenge);
  EXPECT_EQ(challenge_response(kChallenge, kPasswordHash), kNtResponse);
  EXPECT_EQ(generate_nt_response(kAuthenticatorChallenge, kPeerChallenge, kUserName, kPasswordHash),
            kNtResponse);
  EXPECT_EQ(hash_nt_password_hash(kPasswordHash), kPasswordHashHash);
  EXPECT_EQ(generate_authenticator_response(kPasswordHash, kNtResponse, kPeerChallenge,
                                            kAuthenticatorChallenge, kUserName),
            kAuthenticatorResponse);
}

TEST(MschapV2, AuthenticatorChecksTheNtResponse) {
  EXPECT_TRUE(
      check_nt_response(kAuthenticatorChallenge, kPeerChallenge, kUserName, kPasswordHash, kNtResponse));
  auto wrong = kNtResponse;
  wrong[23] ^= 1;
  EXPECT_FALSE(check_nt_response(kAuthenticatorChallenge, kPeerChallenge, kUserName, kPasswordHash, wrong));
  EXPECT_FALSE(check_nt_response(kAuthenticatorChallenge, kPeerChallenge, kUserName, kPasswordHash,
                                 Bytes(kNtResponse).first(23)));
  EXPECT_FALSE(
      check_nt_response(kAuthenticatorChallenge, kPeerChallenge, "user", kPasswordHash, kNtResponse));
}

TEST(MschapV2, PeerChecksTheAuthenticatorResponse) {
  auto check = [](std::string_view received) {
    return check_authenticator_response(kPasswordHash, kNtResponse, kPeerChallenge, kAuthenticatorChallenge,
                                        kUserName, received);
  };
  EXPECT_TRUE(check(kAuthenticatorResponse));
  EXPECT_TRUE(check("S=407a5589115fd0d6209f510fe9c04566932cda56"));  // hex case is not significant
  EXPECT_FALSE(check("S=407A5589115FD0D6209F510FE9C04566932CDA57"));
  EXPECT_FALSE(check("s=407A5589115FD0D6209F510FE9C04566932CDA56"));
  EXPECT_FALSE(check("S=407A5589115FD0D6209F510FE9C04566932CDA5"));
  EXPECT_FALSE(check("S=407A5589115FD0D6209F510FE9C04566932CDA56 M=ok"));
  EXPECT_FALSE(check(""));
}

TEST(MschapV2, UserNameLosesItsDomain) {
  EXPECT_EQ(user_name_without_domain("User"), "User");
  EXPECT_EQ(user_name_without_domain("CORP\\User"), "User");
  EXPECT_EQ(user_name_without_domain("a\\b\\User"), "User");
  EXPECT_EQ(user_name_without_domain("CORP\\"), "");
}

// RFC 2433 appendix B.2 (password "MyPw", challenge 10 2D B5 DF 08 5D 30 41).
const auto kV1Challenge = hex_array<8>("10 2D B5 DF 08 5D 30 41");

TEST(MschapV1, Rfc2433AppendixBVectors) {
  const auto password_hash = nt_password_hash("MyPw");
  ASSERT_TRUE(password_hash);
  EXPECT_EQ(*password_hash, hex_array<16>("FC 15 6A F7 ED CD 6C 0E DD E3 33 7D 42 7F 4E AC"));
  const auto response = nt_challenge_response(kV1Challenge, "MyPw");
  ASSERT_TRUE(response);
  EXPECT_EQ(*response,
            hex_array<24>("4E 9D 3C 8F 9C FD 38 5D 5B F4 D3 24 67 91 95 6C A4 C3 51 AB 40 9A 3D 61"));
}

TEST(MschapV1, LmPasswordHash) {
  // "MyPw" (RFC 2433's example password) and "clientPass" (RFC 3079 2.5).
  EXPECT_EQ(*lm_password_hash("MyPw"), hex_array<16>("75 BA 30 19 8E 6D 19 75 AA D3 B4 35 B5 14 04 EE"));
  EXPECT_EQ(*lm_password_hash("clientPass"),
            hex_array<16>("76 A1 52 93 60 96 D7 83 0E 23 90 22 74 04 AF D2"));
  // Upper-casing makes the LM hash case-blind.
  EXPECT_EQ(*lm_password_hash("mypw"), *lm_password_hash("MYPW"));
  // Empty halves hash to DesHash of seven zero octets.
  EXPECT_EQ(to_vector(des_hash(hex_array<7>("00000000000000"))), hex("AA D3 B4 35 B5 14 04 EE"));
  EXPECT_EQ(lm_password_hash("caf\xC3\xA9").error(), PasswordError::kLmNotAscii);
}

TEST(MschapV1, LmChallengeResponse) {
  // Cross-checked with `openssl enc -des-ecb` over the LM hash of "MyPw".
  const auto response = lm_challenge_response(hex_array<8>("BD 33 2A 36 9B 6D 33 E7"), "MyPw");
  ASSERT_TRUE(response);
  EXPECT_EQ(*response,
            hex_array<24>("96 B7 4D 94 22 A1 A2 BD 37 1B B5 EC C5 5B 0D 95 97 A1 EE F3 1A 29 EE 77"));
}

TEST(Mschap, NonAsciiPasswordsHashTheirUtf16leForm) {
  // "pässwörd": the NT hash is MD4 over UTF-16LE, so it must equal the hash
  // of the hand-encoded UTF-16LE octets.
  const auto hash = nt_password_hash("p\xC3\xA4sswo\xCC\x88rd");
  ASSERT_TRUE(hash);
  const auto expected = md4(hex("70 00 E4 00 73 00 73 00 77 00 6F 00 08 03 72 00 64 00"));
  EXPECT_EQ(*hash, expected);
  EXPECT_EQ(nt_password_hash("\xC3").error(), PasswordError::kInvalidUtf8);
  // The widely published NT hash of "password".
  EXPECT_EQ(*nt_password_hash("password"), hex_array<16>("88 46 F7 EA EE 8F B1 17 AD 06 BD D8 30 B7 58 6C"));
}

}  // namespace
}  // namespace pptpkit::crypto
