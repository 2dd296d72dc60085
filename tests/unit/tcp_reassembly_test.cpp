#include "tools/tcp_reassembly.h"

#include <gtest/gtest.h>

#include <string>

#include "wire/tcp_header.h"

namespace pptpkit::tools {
namespace {

using wire::kTcpAck;
using wire::kTcpFin;
using wire::kTcpRst;
using wire::kTcpSyn;

constexpr std::uint32_t kIsn = 1000;

Bytes bytes_of(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }
std::string text(const TcpDelivery& d) { return {d.data.begin(), d.data.end()}; }

// Data at stream offset `offset` (0 = first byte after the SYN).
TcpSegment data(std::uint32_t offset, const std::string& payload, std::uint8_t flags = kTcpAck) {
  return {.sequence_number = kIsn + 1 + offset, .flags = flags, .payload = bytes_of(payload)};
}

class Reassembly : public ::testing::Test {
 protected:
  void SetUp() override {
    EXPECT_TRUE(r.push({.sequence_number = kIsn, .flags = kTcpSyn, .payload = {}}).data.empty());
  }
  // The reassembler copies what it holds, so the payload need only live for the call.
  TcpDelivery push(std::uint32_t offset, const std::string& payload, std::uint8_t flags = kTcpAck) {
    return r.push(data(offset, payload, flags));
  }
  TcpReassembler r{64};
};

TEST_F(Reassembly, InOrder) {
  EXPECT_EQ(text(push(0, "abc")), "abc");
  EXPECT_EQ(text(push(3, "def")), "def");
  EXPECT_EQ(r.next_offset(), 6u);
}

TEST_F(Reassembly, OutOfOrderIsHeldUntilTheHoleFills) {
  EXPECT_EQ(text(push(3, "def")), "");
  EXPECT_EQ(text(push(6, "ghi")), "");
  EXPECT_EQ(r.held_bytes(), 6u);
  EXPECT_EQ(text(push(0, "abc")), "abcdefghi");
  EXPECT_EQ(r.held_bytes(), 0u);
}

TEST_F(Reassembly, RetransmitIsDeliveredOnce) {
  EXPECT_EQ(text(push(0, "abc")), "abc");
  EXPECT_EQ(text(push(0, "abc")), "");
  EXPECT_EQ(text(push(3, "de")), "de");
  EXPECT_EQ(text(push(3, "de")), "");
}

TEST_F(Reassembly, OverlapsDeliverOnlyNewBytes) {
  EXPECT_EQ(text(push(0, "abcd")), "abcd");
  EXPECT_EQ(text(push(2, "cdef")), "ef");  // overlaps what was delivered
  EXPECT_EQ(text(push(8, "ijkl")), "");
  EXPECT_EQ(text(push(10, "klmn")), "");  // overlaps what is held
  EXPECT_EQ(text(push(5, "fgh")), "ghijklmn");
}

TEST_F(Reassembly, OneByteSegmentsInAnyOrder) {
  const std::string message = "PPTP";
  for (std::uint32_t i : {3U, 1U, 2U}) EXPECT_EQ(text(push(i, message.substr(i, 1))), "");
  EXPECT_EQ(text(push(0, "P")), "PPTP");
  EXPECT_EQ(text(push(4, "!")), "!");
}

TEST_F(Reassembly, BoundExceededSkipsTheHole) {
  // The limit is 64 bytes: 70 bytes after a 2-byte hole give up on the hole.
  EXPECT_EQ(text(push(2, std::string(40, 'x'))), "");
  auto d = push(42, std::string(30, 'y'));
  EXPECT_EQ(d.skipped, 2u);
  EXPECT_EQ(text(d), std::string(40, 'x') + std::string(30, 'y'));
  EXPECT_EQ(r.held_bytes(), 0u);
  // The late hole is now a retransmission of skipped bytes.
  EXPECT_EQ(text(push(0, "ab")), "");
}

TEST_F(Reassembly, FinEndsTheStreamAfterHeldData) {
  auto d = push(3, "def", kTcpAck | kTcpFin);
  EXPECT_FALSE(d.finished);
  d = push(0, "abc");
  EXPECT_EQ(text(d), "abcdef");
  EXPECT_TRUE(d.finished);
  EXPECT_TRUE(r.closed());
  EXPECT_EQ(text(push(6, "late")), "");
}

TEST_F(Reassembly, RstClosesAndDropsHeldData) {
  EXPECT_EQ(text(push(3, "def")), "");
  auto d = r.push({.sequence_number = kIsn + 1, .flags = kTcpRst, .payload = {}});
  EXPECT_TRUE(d.reset);
  EXPECT_TRUE(r.closed());
  EXPECT_EQ(r.held_bytes(), 0u);
  EXPECT_EQ(text(push(0, "abc")), "");
}

TEST_F(Reassembly, NewSynRestartsTheStream) {
  EXPECT_EQ(text(push(0, "abc")), "abc");
  auto d = r.push({.sequence_number = 5000, .flags = kTcpSyn, .payload = {}});
  EXPECT_TRUE(d.restarted);
  const std::string fresh = "new";
  EXPECT_EQ(text(r.push({.sequence_number = 5001, .flags = kTcpAck, .payload = bytes_of(fresh)})), "new");
  // A retransmitted SYN of the current connection changes nothing.
  EXPECT_FALSE(r.push({.sequence_number = 5000, .flags = kTcpSyn, .payload = {}}).restarted);
  EXPECT_EQ(r.next_offset(), 3u);
}

TEST(ReassemblyWithoutSyn, StartsAtTheFirstSegmentSeen) {
  TcpReassembler r;
  const std::string a = "abc", b = "def";
  EXPECT_EQ(text(r.push({.sequence_number = 0xFFFFFFFE, .flags = kTcpAck, .payload = bytes_of(a)})), "abc");
  // The sequence number wraps past 2^32 inside the stream.
  EXPECT_EQ(text(r.push({.sequence_number = 1, .flags = kTcpAck, .payload = bytes_of(b)})), "def");
}

}  // namespace
}  // namespace pptpkit::tools
