#include "wire/pptp_header.h"

#include <gtest/gtest.h>

#include <array>

namespace pptpkit::wire {
namespace {

// RFC 2637 2.1: Length, PPTP Message Type, Magic Cookie, Control Message
// Type, Reserved0, each big-endian at offsets 0, 2, 4, 8 and 10.
constexpr std::array<std::uint8_t, 12> kSccrqHeader{0x00, 0x9C, 0x00, 0x01, 0x1A, 0x2B,
                                                    0x3C, 0x4D, 0x00, 0x01, 0x00, 0x00};

TEST(PptpHeader, DecodesFieldsAtRfcOffsets) {
  auto h = decode_pptp_header(kSccrqHeader);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->length, 156);
  EXPECT_EQ(h->message_type, 1);
  EXPECT_EQ(h->magic_cookie, 0x1A2B3C4Du);
  EXPECT_EQ(h->control_message_type, 1);
}

TEST(PptpHeader, EncodesTheSameBytes) {
  std::array<std::uint8_t, 12> out{};
  ASSERT_TRUE(encode_pptp_header({.length = 156, .control_message_type = 1}, out));
  EXPECT_EQ(out, kSccrqHeader);
}

TEST(PptpHeader, RejectsEachMalformation) {
  EXPECT_EQ(decode_pptp_header(Bytes(kSccrqHeader).first(11)).error(), PptpError::kTruncated);
  auto bad = kSccrqHeader;
  bad[7] = 0x4E;
  EXPECT_EQ(decode_pptp_header(bad).error(), PptpError::kBadMagicCookie);
  bad = kSccrqHeader;
  bad[3] = 2;
  EXPECT_EQ(decode_pptp_header(bad).error(), PptpError::kBadMessageType);
  bad = kSccrqHeader;
  bad[11] = 1;
  EXPECT_EQ(decode_pptp_header(bad).error(), PptpError::kReservedNotZero);
  std::array<std::uint8_t, 11> small{};
  EXPECT_EQ(encode_pptp_header({}, small).error(), PptpError::kBufferTooSmall);
}

}  // namespace
}  // namespace pptpkit::wire
