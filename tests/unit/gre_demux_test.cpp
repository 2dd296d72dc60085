#include "gre/demux.h"

#include <gtest/gtest.h>

#include <vector>

#include "wire/gre_v0.h"
#include "wire/gre_v1.h"
#include "wire/ipv4.h"

namespace pptpkit::gre {
namespace {

using std::chrono::milliseconds;

constexpr std::uint32_t kPeer = 0xC0000201;      // 192.0.2.1
constexpr std::uint32_t kStranger = 0xC6336401;  // 198.51.100.1
constexpr std::uint32_t kUs = 0xCB007101;        // 203.0.113.1
// 2001:db8::1 and 2001:db8::2 (RFC 3849, documentation)
constexpr IpAddress::Octets kPeer6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
constexpr IpAddress::Octets kStranger6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
// ::ffff:192.0.2.1, kPeer IPv4-mapped
constexpr IpAddress::Octets kMappedPeer{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xC0, 0x00, 0x02, 0x01};

class Collect final : public ChannelSink, public PlainGreHandler {
 public:
  void on_payload(Channel& channel, Bytes) override { channels.push_back(&channel); }
  void on_plain_gre(Timestamp, IpAddress source, const wire::GreV0Packet& gre) override {
    plain.push_back(gre.header.protocol_type);
    plain_sources.push_back(source);
  }
  std::vector<Channel*> channels;
  std::vector<std::uint16_t> plain;
  std::vector<IpAddress> plain_sources;
};

std::vector<std::uint8_t> datagram(std::uint32_t source, Bytes gre,
                                   std::uint8_t protocol = wire::kIpProtocolGre) {
  std::vector<std::uint8_t> d(wire::kIpv4HeaderSize + gre.size());
  wire::Ipv4Header ip;
  ip.total_length = static_cast<std::uint16_t>(d.size());
  ip.protocol = protocol;
  ip.source_address = source;
  ip.destination_address = kUs;
  (void)wire::encode_ipv4_header(ip, d);
  std::copy(gre.begin(), gre.end(), d.begin() + wire::kIpv4HeaderSize);
  return d;
}

// The GRE packet alone, as a raw IPv6 socket returns it.
std::vector<std::uint8_t> gre_v1(std::uint16_t call_id, std::uint32_t seq) {
  std::vector<std::uint8_t> gre(wire::kGreV1MaxHeaderSize + 1, 0x55);
  auto n = wire::encode_gre_v1(wire::GreV1Header{1, call_id, seq, std::nullopt}, gre);
  gre.resize(*n + 1);
  return gre;
}

std::vector<std::uint8_t> pptp(std::uint16_t call_id, std::uint32_t seq, std::uint32_t source = kPeer) {
  return datagram(source, gre_v1(call_id, seq));
}

struct Fixture {
  Fixture() : a(ChannelConfig{}), b(ChannelConfig{}) {
    EXPECT_TRUE(demux.add(10, IpAddress::v4(kPeer), a));
    EXPECT_TRUE(demux.add(65535, IpAddress::v4(kPeer), b));
  }
  Channel* rx(const std::vector<std::uint8_t>& d) { return demux.on_datagram(milliseconds(0), d, sink); }
  Channel* rx6(IpAddress source, const std::vector<std::uint8_t>& gre) {
    return demux.on_gre(milliseconds(0), source, gre, sink);
  }

  Demux demux;
  Channel a, b;
  Collect sink;
};

TEST(GreDemux, RoutesByCallId) {
  Fixture f;
  EXPECT_EQ(f.rx(pptp(10, 1)), &f.a);
  EXPECT_EQ(f.rx(pptp(65535, 1)), &f.b);
  EXPECT_EQ(f.sink.channels, (std::vector<Channel*>{&f.a, &f.b}));
  EXPECT_EQ(f.demux.drops().total(), 0u);
}

TEST(GreDemux, CallIdsAreUnique) {
  Fixture f;
  Channel c(ChannelConfig{});
  EXPECT_EQ(f.demux.add(10, IpAddress::v4(kStranger), c).error(), DemuxError::kCallIdInUse);
  f.demux.remove(10);
  EXPECT_EQ(f.demux.find(10), nullptr);
  EXPECT_TRUE(f.demux.add(10, IpAddress::v4(kStranger), c));
  EXPECT_EQ(f.demux.find(10), &c);
  EXPECT_NE(to_string(DemuxError::kCallIdInUse), "unknown error");
}

TEST(GreDemux, CountsBadHeaders) {
  Fixture f;
  auto bad_ip = pptp(10, 1);
  bad_ip[0] = 0x65;  // IP version 6
  EXPECT_EQ(f.rx(bad_ip), nullptr);
  auto bad_checksum = pptp(10, 1);
  bad_checksum[10] ^= 0xFF;
  f.rx(bad_checksum);
  auto not_gre = pptp(10, 1);
  f.rx(datagram(kPeer, Bytes(not_gre).subspan(wire::kIpv4HeaderSize), 17));
  auto bad_protocol = pptp(10, 1);
  bad_protocol[wire::kIpv4HeaderSize + 3] = 0x0C;  // Protocol Type 0x880C
  f.rx(datagram(kPeer, Bytes(bad_protocol).subspan(wire::kIpv4HeaderSize)));
  f.rx(datagram(kPeer, std::vector<std::uint8_t>{0x30}));  // truncated GRE
  EXPECT_EQ(f.demux.drops()[DropReason::kBadHeader], 5u);
  EXPECT_TRUE(f.sink.channels.empty());
}

TEST(GreDemux, GivesVersion0ToItsHandlerOrDropsIt) {
  Fixture f;
  const std::vector<std::uint8_t> plain{0x00, 0x00, 0x08, 0x00, 0x45};
  EXPECT_EQ(f.rx(datagram(kPeer, plain)), nullptr);
  EXPECT_EQ(f.demux.drops()[DropReason::kUnknownVersion], 1u);
  f.demux.set_plain_gre_handler(&f.sink);
  f.rx(datagram(kPeer, plain));
  EXPECT_EQ(f.sink.plain, std::vector<std::uint16_t>{0x0800});
  EXPECT_EQ(f.sink.plain_sources, std::vector<IpAddress>{IpAddress::v4(kPeer)});
  EXPECT_EQ(f.demux.drops()[DropReason::kUnknownVersion], 1u);
}

TEST(GreDemux, DropsUnknownVersions) {
  Fixture f;
  f.rx(datagram(kPeer, std::vector<std::uint8_t>{0x30, 0x02, 0x88, 0x0B, 0, 0, 0, 10}));
  EXPECT_EQ(f.demux.drops()[DropReason::kUnknownVersion], 1u);
}

TEST(GreDemux, DropsUnknownCalls) {
  Fixture f;
  EXPECT_EQ(f.rx(pptp(11, 1)), nullptr);
  EXPECT_EQ(f.demux.drops()[DropReason::kUnknownCall], 1u);
}

TEST(GreDemux, AcceptsOnlyTheControlConnectionsPeer) {
  Fixture f;
  EXPECT_EQ(f.rx(pptp(10, 1, kStranger)), nullptr);
  EXPECT_EQ(f.demux.drops()[DropReason::kWrongPeer], 1u);
  EXPECT_TRUE(f.sink.channels.empty());
}

// Fixture's calls are IPv4; these add IPv6 ones beside them in the same table.
struct Ipv6Fixture : Fixture {
  Ipv6Fixture() : c(ChannelConfig{}) { EXPECT_TRUE(demux.add(20, IpAddress::v6(kPeer6), c)); }
  Channel c;
};

TEST(GreDemux, AcceptsIpv6Peers) {
  Ipv6Fixture f;
  EXPECT_EQ(f.rx6(IpAddress::v6(kPeer6), gre_v1(20, 1)), &f.c);
  EXPECT_EQ(f.rx6(IpAddress::v6(kPeer6), gre_v1(20, 2)), &f.c);
  EXPECT_EQ(f.rx(pptp(10, 1)), &f.a);  // IPv4 calls still work beside them
  EXPECT_EQ(f.sink.channels, (std::vector<Channel*>{&f.c, &f.c, &f.a}));
  EXPECT_EQ(f.demux.drops().total(), 0u);
}

TEST(GreDemux, DropsTheWrongIpv6Peer) {
  Ipv6Fixture f;
  EXPECT_EQ(f.rx6(IpAddress::v6(kStranger6), gre_v1(20, 1)), nullptr);
  EXPECT_EQ(f.demux.drops()[DropReason::kWrongPeer], 1u);
  EXPECT_EQ(f.demux.drops().total(), 1u);
  EXPECT_TRUE(f.sink.channels.empty());
}

TEST(GreDemux, NeverMatchesAcrossAddressFamilies) {
  Ipv6Fixture f;
  // An IPv4 call reached over IPv6, even from the IPv4-mapped form of its peer.
  EXPECT_EQ(f.rx6(IpAddress::v6(kMappedPeer), gre_v1(10, 1)), nullptr);
  // An IPv6 call reached over IPv4.
  EXPECT_EQ(f.rx(pptp(20, 1)), nullptr);
  // on_gre with an IPv4 source is the IPv4 path after its header.
  EXPECT_EQ(f.rx6(IpAddress::v4(kPeer), gre_v1(20, 2)), nullptr);
  EXPECT_EQ(f.demux.drops()[DropReason::kWrongPeer], 3u);
  EXPECT_EQ(f.demux.drops().total(), 3u);
  EXPECT_TRUE(f.sink.channels.empty());
}

TEST(GreDemux, Ipv6SharesTheChecksAfterTheIpLayer) {
  Ipv6Fixture f;
  const IpAddress peer = IpAddress::v6(kPeer6);
  f.rx6(peer, std::vector<std::uint8_t>{0x30});                                 // truncated GRE
  f.rx6(peer, std::vector<std::uint8_t>{0x30, 0x02, 0x88, 0x0B, 0, 0, 0, 20});  // version 2
  f.rx6(peer, gre_v1(21, 1));                                                   // no such call
  const std::vector<std::uint8_t> plain{0x00, 0x00, 0x86, 0xDD, 0x60};
  f.rx6(peer, plain);  // version 0, no handler yet
  f.demux.set_plain_gre_handler(&f.sink);
  f.rx6(peer, plain);
  EXPECT_EQ(f.demux.drops()[DropReason::kBadHeader], 1u);
  EXPECT_EQ(f.demux.drops()[DropReason::kUnknownVersion], 2u);
  EXPECT_EQ(f.demux.drops()[DropReason::kUnknownCall], 1u);
  EXPECT_EQ(f.sink.plain, std::vector<std::uint16_t>{0x86DD});
  EXPECT_EQ(f.sink.plain_sources, std::vector<IpAddress>{peer});
}

TEST(GreDemux, CountsTheChannelsDrops) {
  Fixture f;
  f.rx(pptp(10, 100));
  EXPECT_EQ(f.rx(pptp(10, 100)), &f.a);
  f.rx(pptp(10, 101));
  f.rx(pptp(10, 30));            // far behind
  f.rx(pptp(10, 101 + 100000));  // far ahead
  EXPECT_EQ(f.demux.drops()[DropReason::kDuplicate], 1u);
  EXPECT_EQ(f.demux.drops()[DropReason::kTooOld], 1u);
  EXPECT_EQ(f.demux.drops()[DropReason::kOutOfWindow], 1u);
  EXPECT_EQ(f.a.stats().drops.total(), 3u);
}

TEST(GreDemux, NamesEveryDropReason) {
  for (std::size_t i = 0; i < kDropReasonCount; ++i) {
    EXPECT_NE(to_string(static_cast<DropReason>(i)), "unknown drop reason");
  }
}

}  // namespace
}  // namespace pptpkit::gre
