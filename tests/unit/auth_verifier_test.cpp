// decode's check of captured exchanges against chap-secrets, on the RFCs'
// own examples (RFC 2759 9.2, RFC 2433 B) and an MD5 value computed apart.
#include "tools/auth_verifier.h"

#include <gtest/gtest.h>

#include "crypto/library.h"
#include "hex_util.h"

namespace pptpkit::tools {
namespace {

using test::hex;

ppp::ChapSecrets secrets(std::string_view text) {
  auto parsed = ppp::parse_chap_secrets(text);
  if (!parsed) throw std::logic_error("test secrets do not parse");
  return *parsed;
}

class AuthVerifier : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::initialize()); }
};

AuthExchange mschap_v2() {
  AuthExchange e;
  e.method = ppp::AuthMethod::kMsChapV2;
  e.authenticator_name = "server";
  e.challenge = hex("5B5D7C7D7B3F2F3E3C2C602132262628");
  e.responded = true;
  e.user = "User";
  // Peer-Challenge, 8 reserved octets, NT-Response, Flags.
  e.response =
      hex("21402324255E262A28295F2B3A337C7E 0000000000000000"
          "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF 00");
  return e;
}

TEST_F(AuthVerifier, MsChapV2MatchesRfc2759Example) {
  const auto verdict = verify_exchange(mschap_v2(), secrets("User server clientPass\n"));
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->verified);
  ASSERT_TRUE(verdict->key_material);
  EXPECT_EQ(verdict->key_material->nt_response[0], 0x82);
}

TEST_F(AuthVerifier, WrongPasswordIsFalseAndYieldsNoKeys) {
  const auto verdict = verify_exchange(mschap_v2(), secrets("User * wrongPass\n"));
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->verified);
  EXPECT_FALSE(verdict->key_material);
}

TEST_F(AuthVerifier, SecretsForAnotherServerOrUserAreUnknown) {
  EXPECT_FALSE(verify_exchange(mschap_v2(), secrets("User other clientPass\n")));
  EXPECT_FALSE(verify_exchange(mschap_v2(), secrets("Someone * clientPass\n")));
}

TEST_F(AuthVerifier, MsChapV1MatchesRfc2433Example) {
  AuthExchange e;
  e.method = ppp::AuthMethod::kMsChapV1;
  e.challenge = hex("102DB5DF085D3041");
  e.responded = true;
  e.user = "User";
  // LM response (unused), NT response, Use-NT flag.
  e.response =
      hex("000000000000000000000000000000000000000000000000"
          "4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61 01");
  EXPECT_TRUE(verify_exchange(e, secrets("User * MyPw\n"))->verified);
  EXPECT_FALSE(verify_exchange(e, secrets("User * mypw\n"))->verified);  // the NT hash is case-sensitive
}

TEST_F(AuthVerifier, ChapMd5) {
  AuthExchange e;
  e.method = ppp::AuthMethod::kChapMd5;
  e.challenge = hex("000102030405060708090a0b0c0d0e0f");
  e.responded = true;
  e.response_identifier = 1;
  e.user = "erin";
  e.response = hex("8989fed9e189c12bdaabde956ee0c33a");  // MD5(01 || "md5secret" || challenge)
  EXPECT_TRUE(verify_exchange(e, secrets("erin * md5secret\n"))->verified);
  e.response_identifier = 2;
  EXPECT_FALSE(verify_exchange(e, secrets("erin * md5secret\n"))->verified);
}

TEST_F(AuthVerifier, PapComparesThePasswordWithWildcardServerLines) {
  AuthExchange e;
  e.method = ppp::AuthMethod::kPap;
  e.responded = true;
  e.user = "frank";
  e.password = "papsecret";
  EXPECT_TRUE(verify_exchange(e, secrets("frank * papsecret\n"))->verified);
  EXPECT_FALSE(verify_exchange(e, secrets("frank * other\n"))->verified);
  EXPECT_FALSE(verify_exchange(e, secrets("frank pptpkit papsecret\n")));
}

TEST_F(AuthVerifier, IncompleteExchangesAreUnknown) {
  AuthExchange e = mschap_v2();
  e.responded = false;
  EXPECT_FALSE(verify_exchange(e, secrets("* * x\n")));
  e = mschap_v2();
  e.method.reset();
  EXPECT_FALSE(verify_exchange(e, secrets("* * x\n")));
  e = mschap_v2();
  e.response.resize(10);  // malformed MS-CHAPv2 value
  EXPECT_FALSE(verify_exchange(e, secrets("User * clientPass\n"))->verified);
}

}  // namespace
}  // namespace pptpkit::tools
