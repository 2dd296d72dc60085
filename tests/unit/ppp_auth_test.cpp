#include "wire/ppp_auth.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace pptpkit::wire {
namespace {

using Octets = std::vector<std::uint8_t>;

PppControlPacket packet_of(const Octets& bytes) {
  auto p = decode_ppp_control_packet(bytes);
  EXPECT_TRUE(p);
  return p ? *p : PppControlPacket{};
}

template <class R>
Octets written(const std::array<std::uint8_t, 128>& out, const R& n) {
  EXPECT_TRUE(n);
  return n ? Octets(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n)) : Octets{};
}

// RFC 1334 2.2.1: Authenticate-Request, id 1, Peer-ID "user", Password "pass".
const Octets kPapRequest{0x01, 0x01, 0x00, 0x0E, 0x04, 'u', 's', 'e', 'r', 0x04, 'p', 'a', 's', 's'};

TEST(PppAuth, PapRequestRoundTrips) {
  auto request = decode_pap_request(packet_of(kPapRequest));
  ASSERT_TRUE(request);
  EXPECT_EQ(request->peer_id, "user");
  EXPECT_EQ(request->password, "pass");
  std::array<std::uint8_t, 128> out{};
  EXPECT_EQ(written(out, encode_pap_request(1, *request, out)), kPapRequest);
}

TEST(PppAuth, PapRequestMalformations) {
  // Peer-ID Length 5 runs into the Passwd-Length octet and beyond.
  EXPECT_EQ(decode_pap_request(packet_of({0x01, 0x01, 0x00, 0x08, 0x05, 'u', 's', 'e'})).error(),
            PppError::kFieldOverrun);
  // No Passwd-Length at all.
  EXPECT_EQ(decode_pap_request(packet_of({0x01, 0x01, 0x00, 0x06, 0x01, 'u'})).error(), PppError::kTruncated);
  EXPECT_EQ(decode_pap_request(packet_of({0x02, 0x01, 0x00, 0x05, 0x00})).error(), PppError::kWrongCode);
  std::array<std::uint8_t, 128> out{};
  const std::string long_name(256, 'x');
  EXPECT_EQ(encode_pap_request(1, {long_name, "p"}, out).error(), PppError::kFieldTooLong);
  std::array<std::uint8_t, 8> small{};
  EXPECT_EQ(encode_pap_request(1, {"user", "pass"}, small).error(), PppError::kBufferTooSmall);
}

TEST(PppAuth, PapAckRoundTrips) {
  // RFC 1334 2.2.2: Authenticate-Ack with Message "ok".
  const Octets ack{0x02, 0x01, 0x00, 0x07, 0x02, 'o', 'k'};
  auto message = decode_pap_message(packet_of(ack));
  ASSERT_TRUE(message);
  EXPECT_EQ(*message, "ok");
  std::array<std::uint8_t, 128> out{};
  EXPECT_EQ(written(out, encode_pap_message(kPapAuthenticateAck, 1, "ok", out)), ack);
  EXPECT_EQ(decode_pap_message(packet_of({0x03, 0x01, 0x00, 0x04})).error(), PppError::kTruncated);
  EXPECT_EQ(encode_pap_message(kPapAuthenticateRequest, 1, "", out).error(), PppError::kWrongCode);
}

// RFC 1994 4.1 with an 8-octet MS-CHAPv1 challenge (RFC 2433 2.1) from "srv".
const Octets kChallenge{0x01, 0x05, 0x00, 0x10, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 's', 'r', 'v'};

TEST(PppAuth, ChapChallengeRoundTrips) {
  auto challenge = decode_chap_challenge_response(packet_of(kChallenge));
  ASSERT_TRUE(challenge);
  EXPECT_EQ(challenge->name, "srv");
  auto v1 = decode_mschapv1_challenge(challenge->value);
  ASSERT_TRUE(v1);
  EXPECT_EQ((*v1)[7], 8);
  EXPECT_EQ(decode_mschapv2_challenge(challenge->value).error(), PppError::kBadValueSize);
  std::array<std::uint8_t, 128> out{};
  EXPECT_EQ(written(out, encode_chap_challenge_response(kChapChallenge, 5, *challenge, out)), kChallenge);
}

TEST(PppAuth, ChapMalformations) {
  EXPECT_EQ(decode_chap_challenge_response(packet_of({0x01, 0x05, 0x00, 0x04})).error(),
            PppError::kTruncated);
  EXPECT_EQ(decode_chap_challenge_response(packet_of({0x02, 0x05, 0x00, 0x06, 0x02, 0x01})).error(),
            PppError::kFieldOverrun);
  EXPECT_EQ(decode_chap_challenge_response(packet_of({0x03, 0x05, 0x00, 0x04})).error(),
            PppError::kWrongCode);
  EXPECT_EQ(decode_chap_message(packet_of({0x01, 0x05, 0x00, 0x04})).error(), PppError::kWrongCode);
  std::array<std::uint8_t, 128> out{};
  EXPECT_EQ(encode_chap_challenge_response(kChapChallenge, 1, {Octets(256), ""}, out).error(),
            PppError::kFieldTooLong);
  EXPECT_EQ(encode_chap_message(kChapResponse, 1, "", out).error(), PppError::kWrongCode);
}

TEST(PppAuth, ChapSuccessRoundTrips) {
  // RFC 1994 4.2: Success, Message "S=AB" (MS-CHAPv2 puts its authenticator here).
  const Octets success{0x03, 0x05, 0x00, 0x08, 'S', '=', 'A', 'B'};
  auto message = decode_chap_message(packet_of(success));
  ASSERT_TRUE(message);
  EXPECT_EQ(*message, "S=AB");
  std::array<std::uint8_t, 128> out{};
  EXPECT_EQ(written(out, encode_chap_message(kChapSuccess, 5, "S=AB", out)), success);
}

Octets counting(std::uint8_t first, std::size_t n) {
  Octets o(n);
  for (std::size_t i = 0; i < n; ++i) o[i] = static_cast<std::uint8_t>(first + i);
  return o;
}

Octets concat(std::initializer_list<Octets> parts) {
  Octets all;
  for (const Octets& p : parts) all.insert(all.end(), p.begin(), p.end());
  return all;
}

// RFC 2759 4: Peer-Challenge (16), Reserved (8 zero), NT-Response (24), Flags.
const Octets kV2Value = concat({counting(0x01, 16), Octets(8, 0), counting(0x21, 24), {0x00}});

TEST(PppAuth, MsChapV2ResponseRoundTrips) {
  auto response = decode_mschapv2_response(kV2Value);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->peer_challenge[0], 0x01);
  EXPECT_EQ(response->peer_challenge[15], 0x10);
  EXPECT_EQ(response->nt_response[0], 0x21);
  EXPECT_EQ(response->nt_response[23], 0x38);
  std::array<std::uint8_t, 128> out{};
  EXPECT_EQ(written(out, encode_mschapv2_response(*response, out)), kV2Value);

  // Wrapped in a CHAP Response from "user".
  auto n = encode_chap_challenge_response(kChapResponse, 9, {kV2Value, "user"}, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 4u + 1 + 49 + 4);
  const Octets packet = written(out, n);
  auto chap = decode_chap_challenge_response(packet_of(packet));
  ASSERT_TRUE(chap);
  EXPECT_EQ(chap->name, "user");
  EXPECT_TRUE(decode_mschapv2_response(chap->value));
}

TEST(PppAuth, MsChapV2ResponseMalformations) {
  EXPECT_EQ(decode_mschapv2_response(Bytes(kV2Value).first(48)).error(), PppError::kBadValueSize);
  Octets reserved = kV2Value;
  reserved[20] = 1;
  EXPECT_EQ(decode_mschapv2_response(reserved).error(), PppError::kReservedNotZero);
  std::array<std::uint8_t, 48> small{};
  EXPECT_EQ(encode_mschapv2_response({}, small).error(), PppError::kBufferTooSmall);
  EXPECT_TRUE(decode_mschapv2_challenge(counting(0, 16)));
  EXPECT_EQ(decode_mschapv1_challenge(counting(0, 16)).error(), PppError::kBadValueSize);
}

TEST(PppAuth, MsChapV1ResponseRoundTrips) {
  // RFC 2433 2.2: LM response (24), NT response (24), use-NT flag.
  const Octets value = concat({counting(0x01, 24), counting(0x41, 24), {0x01}});
  auto response = decode_mschapv1_response(value);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->lm_response[23], 0x18);
  EXPECT_EQ(response->nt_response[0], 0x41);
  EXPECT_EQ(response->use_nt_response, 1);
  std::array<std::uint8_t, 128> out{};
  EXPECT_EQ(written(out, encode_mschapv1_response(*response, out)), value);
  EXPECT_EQ(decode_mschapv1_response(concat({value, {0x00}})).error(), PppError::kBadValueSize);
}

}  // namespace
}  // namespace pptpkit::wire
