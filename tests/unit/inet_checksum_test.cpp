#include "wire/inet_checksum.h"

#include <gtest/gtest.h>

#include <array>

namespace pptpkit::wire {
namespace {

// RFC 1071 section 3 worked example: the words 0001 f203 f4f5 f6f7 sum to
// ddf2 (with end-around carry), so the checksum is its complement 220d.
constexpr std::array<std::uint8_t, 8> kRfc1071Example{0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7};

// A captured IPv4 header (UDP, 192.168.0.1 -> 192.168.0.199) whose Header
// Checksum at offset 10 is 0xB861.
constexpr std::array<std::uint8_t, 20> kIpv4Header{0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40,
                                                   0x00, 0x40, 0x11, 0xB8, 0x61, 0xC0, 0xA8,
                                                   0x00, 0x01, 0xC0, 0xA8, 0x00, 0xC7};

TEST(InetChecksum, MatchesRfc1071Example) {
  EXPECT_EQ(inet_sum(kRfc1071Example), 0xDDF2);
  EXPECT_EQ(inet_checksum(kRfc1071Example), 0x220D);
}

TEST(InetChecksum, ReproducesAndVerifiesARealIpv4Header) {
  auto zeroed = kIpv4Header;
  zeroed[10] = zeroed[11] = 0;
  EXPECT_EQ(inet_checksum(zeroed), 0xB861);
  EXPECT_EQ(inet_checksum(kIpv4Header), 0);
}

TEST(InetChecksum, PadsAnOddTrailingOctetWithZero) {
  constexpr std::array<std::uint8_t, 3> odd{0x12, 0x34, 0x56};
  constexpr std::array<std::uint8_t, 4> padded{0x12, 0x34, 0x56, 0x00};
  EXPECT_EQ(inet_checksum(odd), inet_checksum(padded));
}

TEST(InetChecksum, ChainsSpansAsIfConcatenated) {
  const Bytes all(kIpv4Header);
  EXPECT_EQ(inet_checksum(all.subspan(8), inet_sum(all.first(8))), inet_checksum(all));
}

TEST(InetChecksum, EmptyDataSumsToZero) {
  EXPECT_EQ(inet_sum({}), 0);
  EXPECT_EQ(inet_checksum({}), 0xFFFF);
}

}  // namespace
}  // namespace pptpkit::wire
