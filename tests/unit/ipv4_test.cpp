#include "wire/ipv4.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "wire/inet_checksum.h"

namespace pptpkit::wire {
namespace {

// A captured header (RFC 791 3.1 layout): version 4, IHL 5, TOS 0, Total
// Length 115, Identification 0, DF, TTL 64, UDP, checksum 0xB861,
// 192.168.0.1 -> 192.168.0.199.
constexpr std::array<std::uint8_t, 20> kHeader{0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                               0xB8, 0x61, 0xC0, 0xA8, 0x00, 0x01, 0xC0, 0xA8, 0x00, 0xC7};
constexpr std::size_t kTotalLength = 115;

std::vector<std::uint8_t> datagram(std::size_t size = kTotalLength) {
  std::vector<std::uint8_t> d(size, 0xAB);
  std::copy(kHeader.begin(), kHeader.end(), d.begin());
  return d;
}

// The same datagram with 16-bit word `offset / 2` replaced and the checksum
// fixed up, so only that field is wrong.
std::vector<std::uint8_t> with_word(std::size_t offset, std::uint16_t value) {
  auto d = datagram();
  d[offset] = static_cast<std::uint8_t>(value >> 8);
  d[offset + 1] = static_cast<std::uint8_t>(value);
  d[10] = d[11] = 0;
  const std::uint16_t checksum = inet_checksum(Bytes(d).first(kIpv4HeaderSize));
  d[10] = static_cast<std::uint8_t>(checksum >> 8);
  d[11] = static_cast<std::uint8_t>(checksum);
  return d;
}

TEST(Ipv4, DecodesFieldsAtRfcOffsets) {
  const auto d = datagram();
  auto p = decode_ipv4(d);
  ASSERT_TRUE(p);
  const Ipv4Header& h = p->header;
  EXPECT_EQ(h.type_of_service, 0);
  EXPECT_EQ(h.total_length, kTotalLength);
  EXPECT_EQ(h.identification, 0);
  EXPECT_EQ(h.flags, kIpv4DontFragment);
  EXPECT_EQ(h.fragment_offset, 0);
  EXPECT_EQ(h.time_to_live, 64);
  EXPECT_EQ(h.protocol, 17);
  EXPECT_EQ(h.header_checksum, 0xB861);
  EXPECT_EQ(h.source_address, 0xC0A80001u);
  EXPECT_EQ(h.destination_address, 0xC0A800C7u);
  EXPECT_TRUE(p->checksum_ok);
  EXPECT_FALSE(h.is_fragment());
  EXPECT_TRUE(p->options.empty());
  EXPECT_EQ(p->payload.data(), d.data() + 20);
  EXPECT_EQ(p->payload.size(), kTotalLength - 20);
}

TEST(Ipv4, EncodesTheSameBytesAndComputesTheChecksum) {
  auto h = decode_ipv4(datagram())->header;
  h.header_checksum = 0;  // ignored by the encoder
  std::array<std::uint8_t, kIpv4HeaderSize> out{};
  auto n = encode_ipv4_header(h, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, kIpv4HeaderSize);
  EXPECT_EQ(out, kHeader);
}

TEST(Ipv4, TrimsOctetsBeyondTotalLength) {
  auto p = decode_ipv4(datagram(kTotalLength + 7));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->payload.size(), kTotalLength - 20);
}

TEST(Ipv4, SeparatesOptionsFromPayload) {
  // IHL 6: one word of options (NOP NOP NOP End of Option List, RFC 791 3.1).
  auto d = with_word(0, 0x4600);
  d[20] = d[21] = d[22] = 0x01;
  d[23] = 0x00;
  d[10] = d[11] = 0;
  const std::uint16_t checksum = inet_checksum(Bytes(d).first(24));
  d[10] = static_cast<std::uint8_t>(checksum >> 8);
  d[11] = static_cast<std::uint8_t>(checksum);
  auto p = decode_ipv4(d);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->checksum_ok);
  EXPECT_EQ(p->options.data(), d.data() + 20);
  EXPECT_EQ(p->options.size(), 4u);
  EXPECT_EQ(p->payload.data(), d.data() + 24);
  EXPECT_EQ(p->payload.size(), kTotalLength - 24);
}

TEST(Ipv4, ReportsABadChecksumWithoutRefusing) {
  auto d = datagram();
  d[11] ^= 0x01;
  auto p = decode_ipv4(d);
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->checksum_ok);
}

TEST(Ipv4, FlagsFragments) {
  EXPECT_TRUE(decode_ipv4(with_word(6, 0x2000))->header.is_fragment());  // MF, first fragment
  EXPECT_TRUE(decode_ipv4(with_word(6, 0x0001))->header.is_fragment());  // last fragment
  EXPECT_EQ(decode_ipv4(with_word(6, 0x0001))->header.fragment_offset, 1);
  EXPECT_FALSE(decode_ipv4(with_word(6, 0x4000))->header.is_fragment());  // DF only
}

TEST(Ipv4, RejectsEachMalformation) {
  EXPECT_EQ(decode_ipv4(Bytes(kHeader).first(19)).error(), Ipv4Error::kTruncated);
  EXPECT_EQ(decode_ipv4(datagram(kTotalLength - 1)).error(), Ipv4Error::kTruncated);
  EXPECT_EQ(decode_ipv4(with_word(0, 0x6500)).error(), Ipv4Error::kNotVersion4);
  EXPECT_EQ(decode_ipv4(with_word(0, 0x4400)).error(), Ipv4Error::kBadHeaderLength);
  EXPECT_EQ(decode_ipv4(with_word(2, 19)).error(), Ipv4Error::kBadTotalLength);
  auto long_header = with_word(0, 0x4F00);  // IHL 15: 60 octets
  long_header[2] = 0;
  long_header[3] = 40;
  EXPECT_EQ(decode_ipv4(long_header).error(), Ipv4Error::kBadTotalLength);
  // IHL 6 claims an options word the 20-octet buffer does not hold.
  auto short_buffer = with_word(0, 0x4600);
  short_buffer[3] = 24;
  EXPECT_EQ(decode_ipv4(Bytes(short_buffer).first(20)).error(), Ipv4Error::kTruncated);
}

TEST(Ipv4, EncoderMasksFlagsAndFragmentOffset) {
  std::array<std::uint8_t, kIpv4HeaderSize> out{};
  ASSERT_TRUE(encode_ipv4_header({.flags = 0x09, .fragment_offset = 0x2001}, out));
  EXPECT_EQ(out[6], 0x20);  // flags 0b001 (MF), offset high bits 0
  EXPECT_EQ(out[7], 0x01);
  EXPECT_EQ(inet_checksum(out), 0);
}

TEST(Ipv4, RefusesASmallBuffer) {
  std::array<std::uint8_t, kIpv4HeaderSize - 1> small{};
  EXPECT_EQ(encode_ipv4_header({}, small).error(), Ipv4Error::kBufferTooSmall);
}

}  // namespace
}  // namespace pptpkit::wire
