#include "wire/gre_v0.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <ostream>
#include <vector>

namespace pptpkit::wire {
namespace {

// RFC 2890 section 2, written from the figure: C, K and S set (0xB0),
// version 0, Protocol Type 0x0800 (IPv4), Checksum, Reserved1 0, Key 42,
// Sequence Number 7, then a 3-octet payload. The checksum covers header and
// payload with the odd last octet padded: the words sum to 0x54E0, so the
// Checksum is 0xAB1F.
const std::vector<std::uint8_t> kAllFields{0xB0, 0x00, 0x08, 0x00, 0xAB, 0x1F, 0x00, 0x00, 0x00, 0x00,
                                           0x00, 0x2A, 0x00, 0x00, 0x00, 0x07, 0xDE, 0xAD, 0xBE};
constexpr std::size_t kPayloadOffset = 16;

TEST(GreV0, DecodesFieldsAtRfcOffsets) {
  auto p = decode_gre_v0(kAllFields);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->header.checksum_present);
  EXPECT_EQ(p->header.protocol_type, 0x0800);
  EXPECT_EQ(p->header.key, 42u);
  EXPECT_EQ(p->header.sequence, 7u);
  EXPECT_EQ(p->payload.data(), kAllFields.data() + kPayloadOffset);
  EXPECT_EQ(p->payload.size(), 3u);
}

TEST(GreV0, EncodesTheSameBytesWithTheChecksum) {
  const Bytes payload = Bytes(kAllFields).subspan(kPayloadOffset);
  std::array<std::uint8_t, kGreV0MaxHeaderSize> out{};
  auto n = encode_gre_v0({.checksum_present = true, .key = 42, .sequence = 7, .protocol_type = 0x0800},
                         payload, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, kPayloadOffset);
  EXPECT_TRUE(std::equal(out.begin(), out.end(), kAllFields.begin()));
}

struct Variant {
  const char* name;
  GreV0Header header;
  std::vector<std::uint8_t> bytes;  // header only; the payload is empty

  // Names the case in test output (the default prints raw object bytes).
  friend void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }
};

class GreV0Variants : public testing::TestWithParam<Variant> {};

TEST_P(GreV0Variants, RoundTripsByteExact) {
  const Variant& v = GetParam();
  std::array<std::uint8_t, kGreV0MaxHeaderSize> out{};
  auto n = encode_gre_v0(v.header, {}, out);
  ASSERT_TRUE(n);
  ASSERT_EQ(*n, header_size(v.header));
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n)), v.bytes);
  auto p = decode_gre_v0(v.bytes);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->header, v.header);
  EXPECT_TRUE(p->payload.empty());
}

INSTANTIATE_TEST_SUITE_P(
    AllOptionalFields, GreV0Variants,
    testing::Values(Variant{"no_options", {.protocol_type = 0x0800}, {0x00, 0x00, 0x08, 0x00}},
                    // The checksum of 8000 0800 alone is ~8800 = 77FF.
                    Variant{"checksum",
                            {.checksum_present = true, .protocol_type = 0x0800},
                            {0x80, 0x00, 0x08, 0x00, 0x77, 0xFF, 0x00, 0x00}},
                    Variant{"key",
                            {.key = 0x01020304, .protocol_type = 0x86DD},
                            {0x20, 0x00, 0x86, 0xDD, 0x01, 0x02, 0x03, 0x04}},
                    Variant{"sequence",
                            {.sequence = 0xFFFFFFFF, .protocol_type = 0x6558},
                            {0x10, 0x00, 0x65, 0x58, 0xFF, 0xFF, 0xFF, 0xFF}}));

TEST(GreV0, IgnoresBits6To12AndReserved1) {
  // RFC 2784 2.3 and 2.6: must be sent as zero, ignored on receipt. The
  // checksum is adjusted for them, so only the ignored fields differ.
  auto b = kAllFields;
  b[0] |= 0x03;  // bits 6, 7
  b[1] |= 0xF8;  // bits 8-12
  b[6] = 0x12;   // Reserved1
  const std::uint16_t checksum = static_cast<std::uint16_t>(0xAB1F - 0x03F8 - 0x1200);
  b[4] = static_cast<std::uint8_t>(checksum >> 8);
  b[5] = static_cast<std::uint8_t>(checksum);
  auto p = decode_gre_v0(b);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->header, decode_gre_v0(kAllFields)->header);
}

TEST(GreV0, RejectsEachMalformation) {
  auto error = [](std::vector<std::uint8_t> bytes) { return decode_gre_v0(bytes).error(); };
  EXPECT_EQ(error({0x00, 0x00, 0x08}), GreError::kTruncated);
  EXPECT_EQ(error({0x30, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x01}), GreError::kTruncated);  // no sequence
  EXPECT_EQ(error({0x00, 0x01, 0x88, 0x0B}), GreError::kUnsupportedVersion);
  EXPECT_EQ(error({0x40, 0x00, 0x08, 0x00}), GreError::kReservedNotZero);  // bit 1, R
  EXPECT_EQ(error({0x08, 0x00, 0x08, 0x00}), GreError::kReservedNotZero);  // bit 4, s
  EXPECT_EQ(error({0x04, 0x00, 0x08, 0x00}), GreError::kReservedNotZero);  // bit 5
  auto corrupted = kAllFields;
  corrupted.back() ^= 0x01;
  EXPECT_EQ(decode_gre_v0(corrupted).error(), GreError::kBadChecksum);
}

TEST(GreV0, RefusesASmallBuffer) {
  std::array<std::uint8_t, 7> small{};
  EXPECT_EQ(encode_gre_v0({.checksum_present = true}, {}, small).error(), GreError::kBufferTooSmall);
}

}  // namespace
}  // namespace pptpkit::wire
