#include "wire/ppp_control.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace pptpkit::wire {
namespace {

using Octets = std::vector<std::uint8_t>;

Octets octets(Bytes b) { return Octets(b.begin(), b.end()); }

Octets written(const std::array<std::uint8_t, 64>& out, std::size_t n) {
  return Octets(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n));
}

// RFC 1661 5.1: Configure-Request, identifier 1, Length 14, two options.
const Octets kRequest{0x01, 0x01, 0x00, 0x0E, 0x01, 0x04, 0x05, 0x78, 0x05, 0x06, 0x12, 0x34, 0x56, 0x78};

TEST(PppControl, DecodesHeaderAndData) {
  auto p = decode_ppp_control_packet(kRequest);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->code, kPppConfigureRequest);
  EXPECT_EQ(p->identifier, 1);
  EXPECT_EQ(p->length, 14);
  EXPECT_EQ(octets(p->data), Octets(kRequest.begin() + 4, kRequest.end()));
}

TEST(PppControl, IgnoresPaddingPastLength) {
  Octets padded = kRequest;
  padded.insert(padded.end(), {0x00, 0x00, 0x00});
  auto p = decode_ppp_control_packet(padded);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->data.size(), 10u);
}

TEST(PppControl, EncodesTheSameBytes) {
  std::array<std::uint8_t, 64> out{};
  auto n = encode_ppp_control_packet(kPppConfigureRequest, 1, Bytes(kRequest).subspan(4), out);
  ASSERT_TRUE(n);
  EXPECT_EQ(written(out, *n), kRequest);
}

TEST(PppControl, RejectsEachMalformation) {
  EXPECT_EQ(decode_ppp_control_packet(Octets{0x01, 0x01, 0x00}).error(), PppError::kTruncated);
  EXPECT_EQ(decode_ppp_control_packet(Octets{0x01, 0x01, 0x00, 0x03}).error(), PppError::kLengthBelowHeader);
  Octets long_length = kRequest;
  long_length[3] = 0x0F;
  EXPECT_EQ(decode_ppp_control_packet(long_length).error(), PppError::kLengthBeyondData);
}

TEST(PppControl, EncoderRefusesOversizeAndSmallBuffer) {
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(encode_ppp_control_header(1, 1, 0xFFFC, out).error(), PppError::kFieldTooLong);
  ASSERT_TRUE(encode_ppp_control_header(1, 1, 0xFFFB, out));
  std::array<std::uint8_t, 3> small{};
  EXPECT_EQ(encode_ppp_control_header(1, 1, 0, small).error(), PppError::kBufferTooSmall);
  std::array<std::uint8_t, 6> six{};
  EXPECT_EQ(encode_ppp_control_packet(1, 1, Octets(3), six).error(), PppError::kBufferTooSmall);
}

// RFC 1661 5.7: Protocol-Reject of an IPV6CP Configure-Request.
const Octets kProtocolReject{0x08, 0x02, 0x00, 0x0A, 0x80, 0x57, 0x01, 0x01, 0x00, 0x04};

TEST(PppControl, ProtocolRejectRoundTrips) {
  auto p = decode_ppp_control_packet(kProtocolReject);
  ASSERT_TRUE(p);
  auto reject = decode_protocol_reject(*p);
  ASSERT_TRUE(reject);
  EXPECT_EQ(reject->rejected_protocol, 0x8057);
  EXPECT_EQ(octets(reject->rejected_information), (Octets{0x01, 0x01, 0x00, 0x04}));
  std::array<std::uint8_t, 64> out{};
  auto n = encode_protocol_reject(2, *reject, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(written(out, *n), kProtocolReject);
}

TEST(PppControl, ProtocolRejectNeedsTwoOctetsAndItsCode) {
  const Octets bytes{0x08, 0x02, 0x00, 0x05, 0x80};
  auto p = decode_ppp_control_packet(bytes);
  ASSERT_TRUE(p);
  EXPECT_EQ(decode_protocol_reject(*p).error(), PppError::kTruncated);
  p->code = kPppCodeReject;
  EXPECT_EQ(decode_protocol_reject(*p).error(), PppError::kWrongCode);
}

TEST(PppControl, CodeRejectCarriesTheRejectedPacket) {
  const Octets bytes{0x07, 0x03, 0x00, 0x08, 0x20, 0x01, 0x00, 0x04};
  auto p = decode_ppp_control_packet(bytes);
  ASSERT_TRUE(p);
  auto rejected = decode_code_reject(*p);
  ASSERT_TRUE(rejected);
  EXPECT_EQ(octets(*rejected), (Octets{0x20, 0x01, 0x00, 0x04}));
  p->code = kPppEchoRequest;
  EXPECT_EQ(decode_code_reject(*p).error(), PppError::kWrongCode);
}

// RFC 1661 5.8: Echo-Request, identifier 7, Magic-Number, two octets of data.
const Octets kEcho{0x09, 0x07, 0x00, 0x0A, 0x12, 0x34, 0x56, 0x78, 0xAB, 0xCD};

TEST(PppControl, EchoRoundTrips) {
  auto p = decode_ppp_control_packet(kEcho);
  ASSERT_TRUE(p);
  auto echo = decode_magic_number_packet(*p);
  ASSERT_TRUE(echo);
  EXPECT_EQ(echo->magic_number, 0x12345678u);
  EXPECT_EQ(octets(echo->data), (Octets{0xAB, 0xCD}));
  std::array<std::uint8_t, 64> out{};
  auto n = encode_magic_number_packet(kPppEchoRequest, 7, *echo, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(written(out, *n), kEcho);
}

TEST(PppControl, MagicNumberPacketChecksCodeAndSize) {
  const Octets bytes{0x0B, 0x01, 0x00, 0x07, 0x12, 0x34, 0x56};
  auto p = decode_ppp_control_packet(bytes);
  ASSERT_TRUE(p);
  EXPECT_EQ(decode_magic_number_packet(*p).error(), PppError::kTruncated);
  p->code = kPppTerminateRequest;
  EXPECT_EQ(decode_magic_number_packet(*p).error(), PppError::kWrongCode);
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(encode_magic_number_packet(kPppConfigureAck, 1, {}, out).error(), PppError::kWrongCode);
}

}  // namespace
}  // namespace pptpkit::wire
