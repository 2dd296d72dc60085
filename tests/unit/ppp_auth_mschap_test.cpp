// MS-CHAP specifics: RFC 2759 vectors through the automata, the peer's
// check of S=, Failure texts and E= codes, and the LCP option mapping.
#include <gtest/gtest.h>

#include <string>

#include "fake_random.h"
#include "hex_util.h"
#include "ppp/auth_authenticator.h"
#include "ppp/auth_mschap_text.h"
#include "ppp/auth_peer.h"
#include "wire/ppp_auth.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

using test::hex;
using namespace std::chrono_literals;

// RFC 2759 section 9.2.
const auto kAuthenticatorChallenge = hex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
const auto kPeerChallenge = hex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
const auto kNtResponse = hex("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
constexpr std::string_view kAuthenticatorResponse = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

std::string text_of(const wire::PppControlPacket& packet) {
  return {reinterpret_cast<const char*>(packet.data.data()), packet.data.size()};
}

class MsChapV2 : public ::testing::Test {
 protected:
  void SetUp() override {
    authenticator_random_.script(kAuthenticatorChallenge);
    peer_random_.script(kPeerChallenge);
  }
  ChapSecrets secrets_ = *parse_chap_secrets("User * clientPass *\n");
  test::ScriptedRandom authenticator_random_;
  test::ScriptedRandom peer_random_;
  Authenticator authenticator_{
      {AuthMethod::kMsChapV2, "server", {1s, 3}, 1, "OK", "No"}, secrets_, authenticator_random_};
  AuthPeer peer_{{AuthMethod::kMsChapV2, "User", "clientPass", {1s, 3}}, peer_random_};
};

TEST_F(MsChapV2, ExchangeCarriesRfc2759Vectors) {
  authenticator_.start(Timestamp{});
  peer_.start(Timestamp{});
  const auto challenge = authenticator_.poll_packet();
  ASSERT_TRUE(challenge);
  peer_.on_packet(Timestamp{}, *challenge);
  const auto response = peer_.poll_packet();
  ASSERT_TRUE(response);
  const auto decoded = wire::decode_ppp_control_packet(*response);
  const auto value = wire::decode_chap_challenge_response(*decoded);
  ASSERT_TRUE(value);
  EXPECT_EQ(value->name, "User");
  const auto fields = wire::decode_mschapv2_response(value->value);
  ASSERT_TRUE(fields);
  EXPECT_EQ(test::to_vector(fields->nt_response), kNtResponse);

  authenticator_.on_packet(Timestamp{}, *response);
  const auto success = authenticator_.poll_packet();
  ASSERT_TRUE(success);
  const auto success_packet = wire::decode_ppp_control_packet(*success);
  EXPECT_EQ(success_packet->code, wire::kChapSuccess);
  EXPECT_EQ(text_of(*success_packet), std::string(kAuthenticatorResponse) + " M=OK");
  peer_.on_packet(Timestamp{}, *success);
  EXPECT_EQ(peer_.state(), AuthState::kSucceeded);
  EXPECT_EQ(authenticator_.state(), AuthState::kSucceeded);
  EXPECT_EQ(test::to_vector(authenticator_.outcome().key_material->nt_response), kNtResponse);
}

TEST_F(MsChapV2, PeerRejectsWrongAuthenticatorResponse) {
  authenticator_.start(Timestamp{});
  peer_.start(Timestamp{});
  peer_.on_packet(Timestamp{}, *authenticator_.poll_packet());
  const auto response = wire::decode_ppp_control_packet(*peer_.poll_packet());
  // A forged Success: right form, wrong proof.
  std::array<std::uint8_t, 64> out{};
  const auto size = wire::encode_chap_message(wire::kChapSuccess, response->identifier,
                                              "S=0000000000000000000000000000000000000000 M=OK", out);
  peer_.on_packet(Timestamp{}, Bytes(out.data(), *size));
  EXPECT_EQ(peer_.state(), AuthState::kFailed);
  EXPECT_EQ(peer_.outcome().failure, AuthFailure::kBadAuthenticatorResponse);
  EXPECT_FALSE(peer_.outcome().key_material);
}

TEST_F(MsChapV2, PeerAcceptsLowerCaseAuthenticatorResponse) {
  authenticator_.start(Timestamp{});
  peer_.start(Timestamp{});
  peer_.on_packet(Timestamp{}, *authenticator_.poll_packet());
  const auto response = wire::decode_ppp_control_packet(*peer_.poll_packet());
  std::array<std::uint8_t, 64> out{};
  const auto size = wire::encode_chap_message(wire::kChapSuccess, response->identifier,
                                              "S=407a5589115fd0d6209f510fe9c04566932cda56", out);
  peer_.on_packet(Timestamp{}, Bytes(out.data(), *size));
  EXPECT_EQ(peer_.state(), AuthState::kSucceeded);
}

TEST_F(MsChapV2, FailureCarriesCodeChallengeAndVersion) {
  ChapSecrets other = *parse_chap_secrets("User * otherPass\n");
  Authenticator authenticator{
      {AuthMethod::kMsChapV2, "server", {1s, 3}, 1, "OK", "Denied here"}, other, authenticator_random_};
  authenticator.start(Timestamp{});
  peer_.start(Timestamp{});
  peer_.on_packet(Timestamp{}, *authenticator.poll_packet());
  authenticator.on_packet(Timestamp{}, *peer_.poll_packet());
  const auto failure = authenticator.poll_packet();
  const auto packet = wire::decode_ppp_control_packet(*failure);
  EXPECT_EQ(packet->code, wire::kChapFailure);
  EXPECT_EQ(text_of(*packet), "E=691 R=0 C=5B5D7C7D7B3F2F3E3C2C602132262628 V=3 M=Denied here");
  peer_.on_packet(Timestamp{}, *failure);
  EXPECT_EQ(peer_.outcome().failure, AuthFailure::kRejected);
  EXPECT_EQ(peer_.outcome().mschap_error, 691u);
  EXPECT_EQ(peer_.outcome().message, "Denied here");
}

struct FailureCase {
  std::string_view text;
  AuthFailure failure;
};

class MsChapFailureCodes : public ::testing::TestWithParam<FailureCase> {};

TEST_P(MsChapFailureCodes, PeerReportsTheCode) {
  test::ScriptedRandom random;
  AuthPeer peer({AuthMethod::kMsChapV1, "User", "clientPass", {1s, 3}}, random);
  peer.start(Timestamp{});
  std::array<std::uint8_t, 64> out{};
  const auto challenge = wire::encode_chap_challenge_response(
      wire::kChapChallenge, 7, {hex("01 02 03 04 05 06 07 08"), "server"}, out);
  peer.on_packet(Timestamp{}, Bytes(out.data(), *challenge));
  ASSERT_TRUE(peer.poll_packet());
  const auto failure = wire::encode_chap_message(wire::kChapFailure, 7, GetParam().text, out);
  peer.on_packet(Timestamp{}, Bytes(out.data(), *failure));
  EXPECT_EQ(peer.state(), AuthState::kFailed);
  EXPECT_EQ(peer.outcome().failure, GetParam().failure);
}

INSTANTIATE_TEST_SUITE_P(Rfc2433Codes, MsChapFailureCodes,
                         ::testing::Values(FailureCase{"E=691 R=0", AuthFailure::kRejected},
                                           FailureCase{"E=646 R=0", AuthFailure::kRestrictedLogonHours},
                                           FailureCase{"E=647 R=0", AuthFailure::kAccountDisabled},
                                           FailureCase{"E=648 R=0 V=3", AuthFailure::kPasswordExpired},
                                           FailureCase{"E=649 R=0", AuthFailure::kNoDialinPermission},
                                           FailureCase{"no code at all", AuthFailure::kRejected}));

TEST(MsChapText, ParsesFailureFields) {
  const auto failure =
      parse_mschap_failure("E=648 R=1 C=00112233445566778899AABBCCDDEEFF V=3 M=Password expired now");
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->error, 648u);
  EXPECT_TRUE(failure->retry);
  EXPECT_EQ(failure->challenge, hex("00112233445566778899AABBCCDDEEFF"));
  EXPECT_EQ(failure->version, 3u);
  EXPECT_EQ(failure->message, "Password expired now");
  EXPECT_FALSE(parse_mschap_failure("R=0 M=no error code"));
  EXPECT_EQ(format_mschap_failure(*failure),
            "E=648 R=1 C=00112233445566778899AABBCCDDEEFF V=3 M=Password expired now");
}

TEST(MsChapText, ParsesSuccess) {
  // The result views into the text, which must outlive it.
  const std::string text = std::string(kAuthenticatorResponse) + " M=Welcome home";
  const auto success = parse_mschap_v2_success(text);
  ASSERT_TRUE(success);
  EXPECT_EQ(success->authenticator_response, kAuthenticatorResponse);
  EXPECT_EQ(success->message, "Welcome home");
  EXPECT_FALSE(parse_mschap_v2_success("S=1234"));
  EXPECT_FALSE(parse_mschap_v2_success("Welcome"));
}

TEST(AuthMethodOption, MapsToLcpAuthenticationProtocol) {
  for (auto method : {AuthMethod::kPap, AuthMethod::kChapMd5, AuthMethod::kMsChapV1, AuthMethod::kMsChapV2}) {
    EXPECT_EQ(auth_method(auth_option(method)), method);
  }
  EXPECT_EQ(auth_option(AuthMethod::kPap).authentication_protocol, wire::kPppPap);
  EXPECT_EQ(auth_option(AuthMethod::kMsChapV2).authentication_protocol, wire::kPppChap);
  EXPECT_EQ(auth_option(AuthMethod::kMsChapV2).data[0], 0x81);
  EXPECT_EQ(auth_option(AuthMethod::kMsChapV1).data[0], 0x80);
  EXPECT_EQ(auth_option(AuthMethod::kChapMd5).data[0], 0x05);
  const std::array<std::uint8_t, 1> sha1{0x06};
  EXPECT_EQ(auth_method({wire::kPppChap, sha1}), std::nullopt);
  EXPECT_EQ(auth_protocol(AuthMethod::kChapMd5), wire::kPppChap);
  EXPECT_EQ(to_string(AuthMethod::kMsChapV2), "MS-CHAPv2");
}

}  // namespace
}  // namespace pptpkit::ppp
