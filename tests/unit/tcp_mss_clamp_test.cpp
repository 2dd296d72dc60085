#include "wire/tcp_mss_clamp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "wire/tcp_header.h"

namespace pptpkit::wire {
namespace {

// The TCP checksum over the pseudo-header and segment (RFC 9293 section
// 3.1), summed here word by word without the code under test's helpers, so
// the incremental update is checked against an independent full sum.
std::uint16_t full_tcp_checksum(const std::vector<std::uint8_t>& packet) {
  const std::size_t ihl = (packet[0] & 0x0F) * 4u;
  const std::size_t total = (std::size_t{packet[2]} << 8) | packet[3];
  std::vector<std::uint8_t> pseudo(packet.begin() + 12, packet.begin() + 20);  // source, destination
  const std::size_t tcp_length = total - ihl;
  pseudo.insert(pseudo.end(), {0, packet[9], static_cast<std::uint8_t>(tcp_length >> 8),
                               static_cast<std::uint8_t>(tcp_length)});
  std::vector<std::uint8_t> segment(packet.begin() + static_cast<long>(ihl),
                                    packet.begin() + static_cast<long>(total));
  segment[16] = segment[17] = 0;
  pseudo.insert(pseudo.end(), segment.begin(), segment.end());
  if (pseudo.size() % 2) pseudo.push_back(0);
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < pseudo.size(); i += 2)
    sum += static_cast<std::uint32_t>((pseudo[i] << 8) | pseudo[i + 1]);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

void set_checksum(std::vector<std::uint8_t>& packet) {
  const std::size_t ihl = (packet[0] & 0x0F) * 4u;
  const std::uint16_t c = full_tcp_checksum(packet);
  packet[ihl + 16] = static_cast<std::uint8_t>(c >> 8);
  packet[ihl + 17] = static_cast<std::uint8_t>(c);
}

std::uint16_t stored_checksum(const std::vector<std::uint8_t>& packet) {
  const std::size_t ihl = (packet[0] & 0x0F) * 4u;
  return static_cast<std::uint16_t>((packet[ihl + 16] << 8) | packet[ihl + 17]);
}

// IPv4 198.18.0.2 -> 198.18.0.1, TCP 40000 -> 80 with `flags`, then
// `options` (a multiple of 4 octets) and `payload`; checksum correct.
std::vector<std::uint8_t> tcp_packet(std::uint8_t flags, const std::vector<std::uint8_t>& options,
                                     const std::vector<std::uint8_t>& payload = {}) {
  const std::size_t total = 20 + 20 + options.size() + payload.size();
  std::vector<std::uint8_t> p{0x45,
                              0x00,
                              static_cast<std::uint8_t>(total >> 8),
                              static_cast<std::uint8_t>(total),
                              0x12,
                              0x34,
                              0x40,
                              0x00,
                              64,
                              6,
                              0x00,
                              0x00,  // ID, DF, TTL, TCP, header checksum
                              198,
                              18,
                              0,
                              2,
                              198,
                              18,
                              0,
                              1,
                              0x9C,
                              0x40,
                              0x00,
                              0x50,  // ports
                              0xDE,
                              0xAD,
                              0xBE,
                              0xEF,
                              0x00,
                              0x00,
                              0x00,
                              0x00,
                              static_cast<std::uint8_t>((5 + options.size() / 4) << 4),
                              flags,
                              0xFA,
                              0xF0,
                              0x00,
                              0x00,
                              0x00,
                              0x00};  // window, checksum, urgent
  p.insert(p.end(), options.begin(), options.end());
  p.insert(p.end(), payload.begin(), payload.end());
  set_checksum(p);
  return p;
}

std::uint16_t mss_at(const std::vector<std::uint8_t>& packet, std::size_t option_offset) {
  return static_cast<std::uint16_t>((packet[40 + option_offset + 2] << 8) | packet[40 + option_offset + 3]);
}

const std::vector<std::uint8_t> kMss1460{0x02, 0x04, 0x05, 0xB4, 0x01, 0x03, 0x03, 0x07};

TEST(TcpMssClamp, LowersSynMssAndKeepsChecksumValid) {
  auto p = tcp_packet(kTcpSyn, kMss1460);
  EXPECT_EQ(clamp_tcp_mss(p, 1360), MssClamp::kClamped);
  EXPECT_EQ(mss_at(p, 0), 1360);
  EXPECT_EQ(stored_checksum(p), full_tcp_checksum(p));
}

TEST(TcpMssClamp, LowersSynAckMss) {
  auto p = tcp_packet(kTcpSyn | kTcpAck, kMss1460);
  EXPECT_EQ(clamp_tcp_mss(p, 1000), MssClamp::kClamped);
  EXPECT_EQ(mss_at(p, 0), 1000);
  EXPECT_EQ(stored_checksum(p), full_tcp_checksum(p));
}

// NOP first puts the MSS value at an odd offset, straddling two checksum words.
TEST(TcpMssClamp, HandlesMssValueAtOddOffset) {
  auto p = tcp_packet(kTcpSyn, {0x01, 0x02, 0x04, 0x23, 0x45, 0x01, 0x01, 0x00});
  EXPECT_EQ(clamp_tcp_mss(p, 0x0567), MssClamp::kClamped);
  EXPECT_EQ(mss_at(p, 1), 0x0567);
  EXPECT_EQ(stored_checksum(p), full_tcp_checksum(p));
}

// Odd payload length: the full sum pads, the incremental update must agree.
TEST(TcpMssClamp, KeepsChecksumValidWithOddPayload) {
  auto p = tcp_packet(kTcpSyn, kMss1460, {1, 2, 3});
  EXPECT_EQ(clamp_tcp_mss(p, 536), MssClamp::kClamped);
  EXPECT_EQ(stored_checksum(p), full_tcp_checksum(p));
}

// Many values exercise the end-around carry of the one's complement update.
TEST(TcpMssClamp, ChecksumMatchesFullSumAcrossValues) {
  for (std::uint32_t old_mss = 1; old_mss <= 0xFFFF; old_mss += 251) {
    for (std::uint16_t limit :
         {std::uint16_t{0}, std::uint16_t{1}, std::uint16_t{536}, std::uint16_t{0xFFFE}}) {
      if (limit >= old_mss) continue;
      auto p = tcp_packet(
          kTcpSyn, {0x02, 0x04, static_cast<std::uint8_t>(old_mss >> 8), static_cast<std::uint8_t>(old_mss)});
      ASSERT_EQ(clamp_tcp_mss(p, limit), MssClamp::kClamped);
      ASSERT_EQ(stored_checksum(p), full_tcp_checksum(p)) << old_mss << " -> " << limit;
    }
  }
}

TEST(TcpMssClamp, LeavesMssAtOrBelowLimit) {
  auto p = tcp_packet(kTcpSyn, kMss1460);
  const auto before = p;
  EXPECT_EQ(clamp_tcp_mss(p, 1460), MssClamp::kUnchanged);
  EXPECT_EQ(clamp_tcp_mss(p, 1500), MssClamp::kUnchanged);
  EXPECT_EQ(p, before);
}

TEST(TcpMssClamp, LeavesNonSynAndOptionlessSegments) {
  auto ack = tcp_packet(kTcpAck, kMss1460);
  const auto ack_before = ack;
  EXPECT_EQ(clamp_tcp_mss(ack, 500), MssClamp::kUnchanged);
  EXPECT_EQ(ack, ack_before);
  auto bare = tcp_packet(kTcpSyn, {});
  EXPECT_EQ(clamp_tcp_mss(bare, 500), MssClamp::kUnchanged);
}

TEST(TcpMssClamp, LeavesOtherProtocolsFragmentsAndIpv6) {
  auto udp = tcp_packet(kTcpSyn, kMss1460);
  udp[9] = 17;
  EXPECT_EQ(clamp_tcp_mss(udp, 500), MssClamp::kUnchanged);
  auto fragment = tcp_packet(kTcpSyn, kMss1460);
  fragment[6] = 0x00;
  fragment[7] = 0x10;  // fragment offset 16 * 8 octets
  EXPECT_EQ(clamp_tcp_mss(fragment, 500), MssClamp::kUnchanged);
  std::vector<std::uint8_t> ipv6(60, 0);
  ipv6[0] = 0x60;
  EXPECT_EQ(clamp_tcp_mss(ipv6, 500), MssClamp::kUnchanged);
  EXPECT_EQ(clamp_tcp_mss({}, 500), MssClamp::kUnchanged);
}

TEST(TcpMssClamp, ReportsMalformedHeadersWithoutWriting) {
  auto short_ip = tcp_packet(kTcpSyn, kMss1460);
  short_ip.resize(30);  // shorter than Total Length
  const auto short_ip_before = short_ip;
  EXPECT_EQ(clamp_tcp_mss(short_ip, 500), MssClamp::kMalformed);
  EXPECT_EQ(short_ip, short_ip_before);

  auto bad_mss = tcp_packet(kTcpSyn, {0x02, 0x03, 0x05, 0x01});  // MSS length 3
  EXPECT_EQ(clamp_tcp_mss(bad_mss, 500), MssClamp::kMalformed);
  auto bad_option = tcp_packet(kTcpSyn, {0x03, 0x09, 0x00, 0x00});  // runs past the header
  EXPECT_EQ(clamp_tcp_mss(bad_option, 500), MssClamp::kMalformed);
}

}  // namespace
}  // namespace pptpkit::wire
