// Arbitrary datagrams and time advances into a demux with a few sessions
// (strict and off flow control, holds of various sizes). Checks that nothing
// crashes, every datagram is either handed to a channel or counted as a
// drop, payloads come out in increasing sequence order, and timers never
// ask to run in the past once served.
#include <array>
#include <cstdlib>
#include <memory>
#include <vector>

#include "gre/channel.h"
#include "gre/demux.h"
#include "wire/ipv4.h"

using namespace pptpkit;

namespace {

constexpr std::uint32_t kPeer = 0xC0000201;  // 192.0.2.1
constexpr std::size_t kSessions = 3;

void require(bool condition) {
  if (!condition) std::abort();
}

class Sink final : public gre::ChannelSink {
 public:
  void on_payload(gre::Channel&, Bytes payload) override { require(!payload.empty()); }
};

gre::ChannelConfig config(std::size_t i) {
  gre::ChannelConfig c;
  c.peer_call_id = static_cast<std::uint16_t>(100 + i);
  c.flow_control = i % 2 == 0 ? gre::FlowControl::kOff : gre::FlowControl::kStrict;
  c.peer_window = static_cast<std::uint16_t>(1 + i * 3);
  c.send_queue_limit = i;
  c.receiver.hold_count = i * 2;
  c.receiver.max_jump = 64;
  return c;
}

// Sends what the channel owes and checks it then has nothing due now.
void service(gre::Channel& channel, pptpkit::Timestamp now) {
  std::array<std::uint8_t, 2048> out{};
  for (int i = 0; i < 1000; ++i) {
    auto size = channel.poll_transmit(now, out);
    require(size.has_value());
    if (*size == 0) break;
    require(wire::decode_gre_v1(Bytes(out).first(*size)).has_value());
  }
}

}  // namespace

// Input: a series of records, one op octet then its operands.
//   op % 4 == 0: advance time by the next octet, in milliseconds; serve timers
//   op % 4 == 1: a raw datagram of the next octet's length
//   op % 4 == 2: GRE bytes (next octet's length) wrapped in a valid IPv4
//                header from the peer, so the fuzzer reaches the channels
//   op % 4 == 3: send a payload of the next octet's length on session op / 4
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gre::Demux demux;
  std::vector<std::unique_ptr<gre::Channel>> channels;
  for (std::size_t i = 0; i < kSessions; ++i) {
    channels.push_back(std::make_unique<gre::Channel>(config(i)));
    require(demux.add(static_cast<std::uint16_t>(i + 1), gre::IpAddress::v4(kPeer), *channels.back())
                .has_value());
  }
  Sink sink;
  pptpkit::Timestamp now{0};
  std::size_t pos = 0;
  while (pos + 2 <= size) {
    const std::uint8_t op = data[pos];
    const std::size_t length = data[pos + 1];
    pos += 2;
    const Bytes bytes(data + pos, std::min(length, size - pos));
    switch (op % 4) {
      case 0:
        now += std::chrono::milliseconds(length);
        for (auto& channel : channels) {
          channel->on_timeout(now, sink);
          service(*channel, now);
          const auto deadline = channel->next_deadline();
          require(!deadline || *deadline > now);
        }
        continue;
      case 1: {
        pos += bytes.size();
        const std::uint64_t before = demux.drops().total();
        gre::Channel* reached = demux.on_datagram(now, bytes, sink);
        require(reached != nullptr || demux.drops().total() == before + 1);
        if (reached) service(*reached, now);
        break;
      }
      case 2: {
        pos += bytes.size();
        std::vector<std::uint8_t> datagram(wire::kIpv4HeaderSize + bytes.size());
        wire::Ipv4Header ip;
        ip.total_length = static_cast<std::uint16_t>(datagram.size());
        ip.protocol = wire::kIpProtocolGre;
        ip.source_address = kPeer;
        require(wire::encode_ipv4_header(ip, datagram).has_value());
        std::copy(bytes.begin(), bytes.end(), datagram.begin() + wire::kIpv4HeaderSize);
        if (gre::Channel* reached = demux.on_datagram(now, datagram, sink)) service(*reached, now);
        break;
      }
      default: {
        gre::Channel& channel = *channels[(op / 4) % kSessions];
        std::vector<std::uint8_t> buffer(gre::kHeadroom + length);
        auto sent = channel.send_payload(now, buffer, gre::kHeadroom, length);
        require(sent.has_value());
        if (!sent->packet.empty()) require(wire::decode_gre_v1(sent->packet).has_value());
        service(channel, now);
        break;
      }
    }
  }
  return 0;
}
