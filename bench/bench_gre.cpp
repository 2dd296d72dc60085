// Packets per second through the data channel: encapsulation in place
// (Channel::send_payload into headroom) and decapsulation through the demux (IPv4
// parse, version dispatch, Call ID lookup, peer check, sequence handling)
// with one or many sessions. Run: build/bench/bench_gre
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "gre/channel.h"
#include "gre/demux.h"
#include "wire/gre_v1.h"
#include "wire/ipv4.h"

namespace {

using namespace pptpkit;
using std::chrono::nanoseconds;

constexpr std::uint32_t kPeer = 0xC0000201;  // 192.0.2.1

class Discard final : public gre::ChannelSink {
 public:
  void on_payload(gre::Channel&, Bytes payload) override { benchmark::DoNotOptimize(payload.data()); }
};

void BM_Encapsulate(benchmark::State& state) {
  const auto payload_size = static_cast<std::size_t>(state.range(0));
  gre::ChannelConfig config;
  config.peer_call_id = 7;
  gre::Channel channel(config);
  std::vector<std::uint8_t> buffer(gre::kHeadroom + payload_size, 0x5A);
  std::int64_t now = 0;
  for (auto _ : state) {
    auto sent = channel.send_payload(nanoseconds(now += 1000), buffer, gre::kHeadroom, payload_size);
    benchmark::DoNotOptimize(sent->packet.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Encapsulate)->Arg(64)->Arg(1400);

// Datagrams for `sessions` calls (Call IDs 1..sessions, all from kPeer); each
// iteration rewrites the Sequence Number in place and feeds the next call.
void BM_Decapsulate(benchmark::State& state) {
  const auto payload_size = static_cast<std::size_t>(state.range(0));
  const auto sessions = static_cast<std::uint16_t>(state.range(1));
  gre::Demux demux;
  std::vector<std::unique_ptr<gre::Channel>> channels;
  std::vector<std::vector<std::uint8_t>> datagrams;
  for (std::uint16_t call_id = 1; call_id <= sessions; ++call_id) {
    channels.push_back(std::make_unique<gre::Channel>(gre::ChannelConfig{}));
    (void)demux.add(call_id, gre::IpAddress::v4(kPeer), *channels.back());
    std::vector<std::uint8_t> d(wire::kIpv4HeaderSize + 12 + payload_size, 0x5A);
    wire::Ipv4Header ip;
    ip.total_length = static_cast<std::uint16_t>(d.size());
    ip.protocol = wire::kIpProtocolGre;
    ip.source_address = kPeer;
    (void)wire::encode_ipv4_header(ip, d);
    const wire::GreV1Header gre{static_cast<std::uint16_t>(payload_size), call_id, 1u, std::nullopt};
    (void)wire::encode_gre_v1(gre, MutableBytes(d).subspan(wire::kIpv4HeaderSize));
    datagrams.push_back(std::move(d));
  }
  Discard sink;
  std::size_t next = 0;
  std::uint32_t sequence = 1;
  std::int64_t now = 0;
  for (auto _ : state) {
    auto& d = datagrams[next];
    ByteWriter(MutableBytes(d).subspan(wire::kIpv4HeaderSize + 8, 4)).u32(sequence);
    benchmark::DoNotOptimize(demux.on_datagram(nanoseconds(now += 1000), d, sink));
    if (++next == datagrams.size()) {
      next = 0;
      ++sequence;
    }
  }
  if (demux.drops().total() != 0) state.SkipWithError("packets dropped");
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Decapsulate)->ArgsProduct({{64, 1400}, {1, 10000}});

}  // namespace
