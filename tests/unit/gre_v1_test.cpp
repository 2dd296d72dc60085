#include "wire/gre_v1.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <ostream>
#include <vector>

namespace pptpkit::wire {
namespace {

// RFC 2637 4.1, written from the figure: flags 0x30 (K, S) and 0x81 (A,
// version 1), Protocol Type 0x880B, Payload Length 3, Call ID 0x1234,
// Sequence Number 0x01020304, Acknowledgment Number 0x0A0B0C0D, then three
// payload octets.
const std::vector<std::uint8_t> kSeqAck{0x30, 0x81, 0x88, 0x0B, 0x00, 0x03, 0x12, 0x34, 0x01, 0x02,
                                        0x03, 0x04, 0x0A, 0x0B, 0x0C, 0x0D, 0xFF, 0x03, 0xC0};

TEST(GreV1, DecodesFieldsAtRfcOffsets) {
  auto p = decode_gre_v1(kSeqAck);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->header.payload_length, 3);
  EXPECT_EQ(p->header.call_id, 0x1234);
  EXPECT_EQ(p->header.sequence, 0x01020304u);
  EXPECT_EQ(p->header.ack, 0x0A0B0C0Du);
  ASSERT_EQ(p->payload.size(), 3u);
  EXPECT_EQ(p->payload.data(), kSeqAck.data() + 16);
}

TEST(GreV1, EncodesTheSameBytes) {
  std::array<std::uint8_t, kGreV1MaxHeaderSize> out{};
  auto n =
      encode_gre_v1({.payload_length = 3, .call_id = 0x1234, .sequence = 0x01020304, .ack = 0x0A0B0C0D}, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 16u);
  EXPECT_TRUE(std::equal(out.begin(), out.end(), kSeqAck.begin()));
}

// Each optional-field combination: first byte 0x20 | S, second 0x01 | A.
struct Variant {
  const char* name;
  GreV1Header header;
  std::vector<std::uint8_t> bytes;

  // Names the case in test output (the default prints raw object bytes).
  friend void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }
};

class GreV1Variants : public testing::TestWithParam<Variant> {};

TEST_P(GreV1Variants, RoundTripsByteExact) {
  const Variant& v = GetParam();
  std::array<std::uint8_t, kGreV1MaxHeaderSize> out{};
  auto n = encode_gre_v1(v.header, out);
  ASSERT_TRUE(n);
  ASSERT_EQ(*n, header_size(v.header));
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n)), v.bytes);
  auto p = decode_gre_v1(v.bytes);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->header, v.header);
  EXPECT_TRUE(p->payload.empty());
}

INSTANTIATE_TEST_SUITE_P(
    AllOptionalFields, GreV1Variants,
    testing::Values(Variant{"neither", {.call_id = 7}, {0x20, 0x01, 0x88, 0x0B, 0x00, 0x00, 0x00, 0x07}},
                    Variant{"sequence",
                            {.call_id = 7, .sequence = 9},
                            {0x30, 0x01, 0x88, 0x0B, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x09}},
                    // Acknowledgment only (S clear, A set, Payload Length 0).
                    Variant{"ack_only",
                            {.call_id = 7, .ack = 5},
                            {0x20, 0x81, 0x88, 0x0B, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x05}},
                    Variant{"sequence_and_ack",
                            {.call_id = 7, .sequence = 9, .ack = 5},
                            {0x30, 0x81, 0x88, 0x0B, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x09, 0x00,
                             0x00, 0x00, 0x05}}));

TEST(GreV1, OctetsBeyondPayloadLengthArePadding) {
  auto padded = kSeqAck;
  padded.push_back(0xEE);
  auto p = decode_gre_v1(padded);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->payload.size(), 3u);
}

TEST(GreV1, RejectsEachMalformation) {
  auto error = [](std::vector<std::uint8_t> bytes) { return decode_gre_v1(bytes).error(); };
  auto with = [](std::size_t offset, std::uint8_t value) {
    auto b = kSeqAck;
    b[offset] = value;
    return b;
  };
  EXPECT_EQ(error({0x30, 0x81, 0x88, 0x0B, 0x00, 0x03, 0x12}), GreError::kTruncated);
  // S and A announce 8 more octets than are there.
  EXPECT_EQ(error({0x30, 0x81, 0x88, 0x0B, 0x00, 0x00, 0x12, 0x34, 0x00}), GreError::kTruncated);
  EXPECT_EQ(error(with(1, 0x80)), GreError::kUnsupportedVersion);
  EXPECT_EQ(error(with(3, 0x0C)), GreError::kBadProtocolType);
  EXPECT_EQ(error(with(0, 0xB0)), GreError::kChecksumFlagSet);
  EXPECT_EQ(error(with(0, 0x70)), GreError::kRoutingFlagSet);
  EXPECT_EQ(error(with(0, 0x10)), GreError::kKeyNotSet);
  EXPECT_EQ(error(with(0, 0x38)), GreError::kStrictSourceRouteSet);
  EXPECT_EQ(error(with(0, 0x31)), GreError::kRecursionNotZero);
  EXPECT_EQ(error(with(1, 0x89)), GreError::kFlagsNotZero);
  EXPECT_EQ(error(with(5, 0x04)), GreError::kPayloadLengthExceedsPacket);
  // Data with an acknowledgment but no sequence number.
  EXPECT_EQ(error({0x20, 0x81, 0x88, 0x0B, 0x00, 0x01, 0x12, 0x34, 0x00, 0x00, 0x00, 0x01, 0xFF}),
            GreError::kPayloadWithoutSequence);
}

TEST(GreV1, RefusesASmallBuffer) {
  std::array<std::uint8_t, 11> small{};
  EXPECT_EQ(encode_gre_v1({.sequence = 1}, small).error(), GreError::kBufferTooSmall);
}

}  // namespace
}  // namespace pptpkit::wire
