#include "base/bytes.h"

#include <gtest/gtest.h>

#include <array>

namespace pptpkit {
namespace {

TEST(ByteReader, ReadsBigEndianAndStopsAtTheEnd) {
  const std::array<std::uint8_t, 7> data{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};
  ByteReader r(data);
  EXPECT_EQ(r.u8(), 0x01);
  EXPECT_EQ(r.u16(), 0x0203);
  EXPECT_EQ(r.u32(), 0x04050607u);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.u8(), 0);
  EXPECT_FALSE(r.ok());
}

TEST(ByteReader, FailureIsStickyAndReadsNothingPastTheSpan) {
  const std::array<std::uint8_t, 3> data{0xAA, 0xBB, 0xCC};
  ByteReader r(data);
  EXPECT_EQ(r.u32(), 0u);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.u8(), 0);  // would be 0xAA if the failed read had not stuck
  EXPECT_TRUE(r.bytes(1).empty());
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ByteWriter, WritesBigEndianAndRefusesToOverflow) {
  std::array<std::uint8_t, 6> out{};
  ByteWriter w(out);
  w.u16(0x1A2B);
  w.u32(0x3C4D5E6F);
  EXPECT_TRUE(w.ok());
  EXPECT_EQ(out, (std::array<std::uint8_t, 6>{0x1A, 0x2B, 0x3C, 0x4D, 0x5E, 0x6F}));
  w.u8(0xFF);
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.offset(), 6u);
}

TEST(FixedString, StopsAtNulOrFieldEnd) {
  const std::array<std::uint8_t, 4> with_nul{'a', 'b', 0, 'c'};
  EXPECT_EQ(fixed_string_view(with_nul), "ab");
  const std::array<std::uint8_t, 3> full{'x', 'y', 'z'};
  EXPECT_EQ(fixed_string_view(full), "xyz");

  std::array<std::uint8_t, 4> out{0xFF, 0xFF, 0xFF, 0xFF};
  ByteWriter w(out);
  w.fixed_string("hello", 4);
  EXPECT_EQ(out, (std::array<std::uint8_t, 4>{'h', 'e', 'l', 'l'}));
}

}  // namespace
}  // namespace pptpkit
