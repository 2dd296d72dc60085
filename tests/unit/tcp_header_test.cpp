#include "wire/tcp_header.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace pptpkit::wire {
namespace {

// A SYN from port 40000 to 1723 with options MSS 1460, NOP, window scale 7,
// SACK permitted, End (RFC 9293 3.1 layout: ports, seq, ack, offset/flags,
// window, checksum, urgent pointer, then options).
const std::vector<std::uint8_t> kSyn{0x9C, 0x40, 0x06, 0xBB,              // ports 40000 -> 1723
                                     0x11, 0x22, 0x33, 0x44,              // sequence number
                                     0x00, 0x00, 0x00, 0x00,              // acknowledgment number
                                     0x80, 0x02,                          // data offset 8 words, SYN
                                     0xFA, 0xF0, 0xAB, 0xCD, 0x00, 0x00,  // window, checksum, urgent
                                     0x02, 0x04, 0x05, 0xB4,              // MSS 1460
                                     0x01, 0x03, 0x03, 0x07,              // NOP, window scale 7
                                     0x04, 0x02, 0x00, 0x00,              // SACK permitted, End, pad
                                     'h',  'i'};                          // payload

TEST(TcpHeader, DecodesFieldsAtRfcOffsets) {
  auto h = decode_tcp_header(kSyn);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->source_port, 40000);
  EXPECT_EQ(h->destination_port, kPptpTcpPort);
  EXPECT_EQ(h->sequence_number, 0x11223344u);
  EXPECT_EQ(h->acknowledgment_number, 0u);
  EXPECT_EQ(h->data_offset, 8);
  EXPECT_EQ(h->header_size(), 32u);
  EXPECT_TRUE(h->has(kTcpSyn));
  EXPECT_FALSE(h->has(kTcpAck));
  EXPECT_EQ(h->window, 0xFAF0);
  EXPECT_EQ(h->checksum, 0xABCD);
  EXPECT_EQ(h->options.size(), 12u);
  ASSERT_EQ(h->payload.size(), 2u);
  EXPECT_EQ(h->payload[0], 'h');
}

TEST(TcpHeader, WalksOptionsWithOffsets) {
  auto h = decode_tcp_header(kSyn);
  ASSERT_TRUE(h);
  TcpOptionReader reader(*h);
  std::vector<std::pair<std::uint8_t, std::size_t>> seen;
  while (true) {
    auto option = reader.next();
    ASSERT_TRUE(option);
    if (!*option) break;
    seen.emplace_back((*option)->kind, (*option)->offset);
  }
  const std::vector<std::pair<std::uint8_t, std::size_t>> expected{
      {kTcpOptionMss, 20}, {kTcpOptionNop, 24}, {kTcpOptionWindowScale, 25}, {kTcpOptionSackPermitted, 28}};
  EXPECT_EQ(seen, expected);
}

TEST(TcpHeader, FindsMssAndItsOffset) {
  auto h = decode_tcp_header(kSyn);
  ASSERT_TRUE(h);
  auto mss = find_tcp_mss(*h);
  ASSERT_TRUE(mss);
  ASSERT_TRUE(*mss);
  EXPECT_EQ((*mss)->mss, 1460);
  EXPECT_EQ((*mss)->offset, 20u);
  EXPECT_EQ(kSyn[(*mss)->offset + 2], 0x05);  // the value sits two octets after the kind
}

TEST(TcpHeader, NoMssWithoutOptions) {
  auto plain = kSyn;
  plain[12] = 0x50;  // data offset 5: the former options become payload
  auto h = decode_tcp_header(plain);
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->options.empty());
  EXPECT_EQ(h->payload.size(), 14u);
  auto mss = find_tcp_mss(*h);
  ASSERT_TRUE(mss);
  EXPECT_FALSE(*mss);
}

TEST(TcpHeader, RejectsEachMalformation) {
  EXPECT_EQ(decode_tcp_header(Bytes(kSyn).first(19)).error(), TcpError::kTruncated);
  EXPECT_EQ(decode_tcp_header(Bytes(kSyn).first(31)).error(), TcpError::kTruncated);
  auto bad = kSyn;
  bad[12] = 0x40;
  EXPECT_EQ(decode_tcp_header(bad).error(), TcpError::kBadDataOffset);

  bad = kSyn;
  bad[21] = 1;  // an option length below 2 would loop forever
  auto h = decode_tcp_header(bad);
  ASSERT_TRUE(h);
  TcpOptionReader reader(*h);
  EXPECT_EQ(reader.next().error(), TcpError::kBadOption);
  EXPECT_EQ(reader.next().error(), TcpError::kBadOption);  // sticky

  bad = kSyn;
  bad[29] = 9;  // SACK-permitted length runs past the option area
  h = decode_tcp_header(bad);
  ASSERT_TRUE(h);
  TcpOptionReader walk(*h);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(walk.next());  // MSS, NOP, window scale
  EXPECT_EQ(walk.next().error(), TcpError::kBadOption);

  bad = kSyn;
  bad[21] = 3;  // MSS option must be 4 octets
  h = decode_tcp_header(bad);
  ASSERT_TRUE(h);
  EXPECT_EQ(find_tcp_mss(*h).error(), TcpError::kBadMssLength);
}

TEST(TcpHeader, OptionLengthByteMissingAtTheEnd) {
  const std::array<std::uint8_t, 1> options{kTcpOptionMss};
  TcpOptionReader reader{Bytes(options)};
  EXPECT_EQ(reader.next().error(), TcpError::kBadOption);
}

}  // namespace
}  // namespace pptpkit::wire
