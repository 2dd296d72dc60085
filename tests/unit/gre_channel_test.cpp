#include "gre/channel.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "wire/gre_v1.h"

namespace pptpkit::gre {
namespace {

using std::chrono::milliseconds;

class Collect final : public ChannelSink {
 public:
  void on_payload(Channel&, Bytes payload) override { payloads.emplace_back(payload.begin(), payload.end()); }
  std::vector<std::vector<std::uint8_t>> payloads;
};

ChannelConfig config(FlowControl flow) {
  ChannelConfig c;
  c.peer_call_id = 0x4242;
  c.flow_control = flow;
  c.peer_window = 4;  // strict window starts at 2
  c.receive_window = 8;
  c.send_queue_limit = 3;
  c.ack_delay = milliseconds(20);
  c.rtt = RttConfig{milliseconds(0), milliseconds(100), milliseconds(1000)};
  return c;
}

struct Fixture {
  explicit Fixture(FlowControl flow = FlowControl::kOff) : channel(config(flow)) {}

  // Sends a 3-octet payload; returns the decoded packet, or nothing if queued.
  std::optional<wire::GreV1Header> send(Timestamp now, std::uint8_t tag = 0xAA) {
    std::array<std::uint8_t, kHeadroom + 3> buffer{};
    buffer[kHeadroom] = tag;
    auto sent = channel.send_payload(now, buffer, kHeadroom, 3);
    EXPECT_TRUE(sent);
    if (sent->packet.empty()) return std::nullopt;
    auto decoded = wire::decode_gre_v1(sent->packet);
    EXPECT_TRUE(decoded);
    EXPECT_EQ(decoded->payload[0], tag);
    return decoded->header;
  }
  std::optional<wire::GreV1Header> poll(Timestamp now) {
    std::array<std::uint8_t, 64> out{};
    auto size = channel.poll_transmit(now, out);
    EXPECT_TRUE(size);
    if (*size == 0) return std::nullopt;
    return wire::decode_gre_v1(Bytes(out).first(*size))->header;
  }
  std::optional<DropReason> receive(Timestamp now, std::optional<std::uint32_t> seq,
                                    std::optional<std::uint32_t> ack = std::nullopt) {
    static const std::uint8_t payload[2] = {1, 2};
    wire::GreV1Packet p{{seq ? std::uint16_t{2} : std::uint16_t{0}, 7, seq, ack}, {}};
    if (seq) p.payload = Bytes(payload);
    return channel.on_packet(now, p, sink);
  }

  Channel channel;
  Collect sink;
};

TEST(GreChannel, EncodesTheHeaderIntoHeadroom) {
  Fixture f;
  std::array<std::uint8_t, 40> buffer{};
  auto sent = f.channel.send_payload(milliseconds(0), buffer, 20, 5);
  ASSERT_TRUE(sent);
  // 12-octet header (no ack yet) right in front of the payload.
  EXPECT_EQ(sent->packet.data(), buffer.data() + 8);
  EXPECT_EQ(sent->packet.size(), 17u);
  auto p = wire::decode_gre_v1(sent->packet);
  EXPECT_EQ(p->header, (wire::GreV1Header{5, 0x4242, 1u, std::nullopt}));
}

TEST(GreChannel, RefusesMissingHeadroomAndOversizedPayloads) {
  Fixture f;
  std::vector<std::uint8_t> buffer(0x10000 + kHeadroom);
  EXPECT_EQ(f.channel.send_payload(milliseconds(0), buffer, kHeadroom - 1, 1).error(),
            SendError::kNoHeadroom);
  EXPECT_EQ(f.channel.send_payload(milliseconds(0), buffer, kHeadroom, 0x10000).error(),
            SendError::kPayloadTooLarge);
  EXPECT_EQ(f.channel.send_payload(milliseconds(0), buffer, buffer.size() - 1, 2).error(),
            SendError::kPayloadTooLarge);
  EXPECT_NE(to_string(SendError::kBufferTooSmall), "unknown error");
}

TEST(GreChannel, PiggybacksTheAckOnData) {
  Fixture f;
  f.receive(milliseconds(0), 1);
  EXPECT_EQ(f.sink.payloads.size(), 1u);
  auto h = f.send(milliseconds(1));
  EXPECT_EQ(h->ack, 1u);
  EXPECT_EQ(h->sequence, 1u);
  EXPECT_EQ(f.channel.next_deadline(), std::nullopt);  // nothing owed any more
  EXPECT_EQ(f.poll(milliseconds(100)), std::nullopt);
}

TEST(GreChannel, SendsAnAckOnlyPacketWhenTheAckTimerFires) {
  Fixture f;
  f.receive(milliseconds(0), 0);  // a peer starting at 0 is acked as 0
  EXPECT_EQ(f.channel.next_deadline(), milliseconds(20));
  EXPECT_EQ(f.poll(milliseconds(19)), std::nullopt);
  auto h = f.poll(milliseconds(20));
  ASSERT_TRUE(h);
  EXPECT_EQ(*h, (wire::GreV1Header{0, 0x4242, std::nullopt, 0u}));  // S clear, A set, no payload
  EXPECT_EQ(f.channel.stats().acks_sent, 1u);
  EXPECT_EQ(f.channel.stats().data_sent, 0u);
  EXPECT_EQ(f.poll(milliseconds(40)), std::nullopt);
}

TEST(GreChannel, AcksAtOnceWhenHalfTheReceiveWindowIsUnacked) {
  Fixture f;
  for (std::uint32_t s = 1; s <= 4; ++s) f.receive(milliseconds(0), s);
  EXPECT_EQ(f.poll(milliseconds(0))->ack, 4u);
}

TEST(GreChannel, TakesAcksFromAckOnlyPackets) {
  Fixture f;
  f.send(milliseconds(0));
  EXPECT_EQ(f.receive(milliseconds(10), std::nullopt, 1u), std::nullopt);
  EXPECT_EQ(f.channel.sender().in_flight(), 0u);
  EXPECT_TRUE(f.sink.payloads.empty());
}

TEST(GreChannel, CountsReceiveDrops) {
  Fixture f;
  f.receive(milliseconds(0), 100);
  EXPECT_EQ(f.receive(milliseconds(0), 100), DropReason::kDuplicate);
  EXPECT_EQ(f.channel.stats().drops[DropReason::kDuplicate], 1u);
  EXPECT_EQ(f.channel.stats().delivered, 1u);
}

TEST(GreChannel, DeliversHeldPacketsWhenTheHoldTimeExpires) {
  Fixture f;
  f.receive(milliseconds(0), 1);
  f.receive(milliseconds(0), 3);
  EXPECT_EQ(f.channel.next_deadline(), milliseconds(20));  // ack first, then hold (50 ms)
  EXPECT_EQ(f.poll(milliseconds(20))->ack, 3u);            // held packets are acknowledged
  EXPECT_EQ(f.channel.next_deadline(), milliseconds(50));
  f.channel.on_timeout(milliseconds(50), f.sink);
  EXPECT_EQ(f.sink.payloads.size(), 2u);
}

TEST(GreChannel, OffNeverStallsAPeerThatNeverAcks) {
  Fixture f(FlowControl::kOff);
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(f.send(milliseconds(i)));
  EXPECT_EQ(f.channel.queued(), 0u);
  EXPECT_EQ(f.channel.next_deadline(), std::nullopt);
}

TEST(GreChannel, StrictQueuesBeyondTheWindowAndSendsOnAck) {
  Fixture f(FlowControl::kStrict);
  EXPECT_TRUE(f.send(milliseconds(0), 1));
  EXPECT_TRUE(f.send(milliseconds(0), 2));
  EXPECT_FALSE(f.send(milliseconds(0), 3));  // window of 2 full
  EXPECT_EQ(f.channel.queued(), 1u);
  EXPECT_EQ(f.poll(milliseconds(1)), std::nullopt);
  f.receive(milliseconds(10), std::nullopt, 1u);
  EXPECT_EQ(f.channel.next_deadline(), Timestamp{0});  // owed at once
  auto h = f.poll(milliseconds(10));
  EXPECT_EQ(h->sequence, 3u);
  EXPECT_EQ(f.channel.queued(), 0u);
}

TEST(GreChannel, StrictQueueOverflowDropsTheOldestAndCounts) {
  Fixture f(FlowControl::kStrict);
  f.send(milliseconds(0), 1);
  f.send(milliseconds(0), 2);
  for (std::uint8_t tag = 3; tag <= 7; ++tag) EXPECT_FALSE(f.send(milliseconds(0), tag));
  EXPECT_EQ(f.channel.queued(), 3u);
  EXPECT_EQ(f.channel.stats().queue_overflows, 2u);
  f.receive(milliseconds(10), std::nullopt, 2u);
  std::array<std::uint8_t, 64> out{};
  auto size = f.channel.poll_transmit(milliseconds(10), out);
  EXPECT_EQ(wire::decode_gre_v1(Bytes(out).first(*size))->payload[0], 5);  // 3 and 4 dropped
}

TEST(GreChannel, StrictTimeoutFreesTheWindowSoItNeverStalls) {
  Fixture f(FlowControl::kStrict);
  f.send(milliseconds(0));
  f.send(milliseconds(0));
  EXPECT_FALSE(f.send(milliseconds(0)));
  EXPECT_EQ(f.channel.next_deadline(), milliseconds(100));
  f.channel.on_timeout(milliseconds(100), f.sink);
  EXPECT_EQ(f.channel.sender().ack_timeouts(), 1u);
  EXPECT_EQ(f.poll(milliseconds(100))->sequence, 3u);
}

TEST(GreChannel, PollRefusesATooSmallBuffer) {
  Fixture f(FlowControl::kStrict);
  f.send(milliseconds(0));
  f.send(milliseconds(0));
  f.send(milliseconds(0));
  f.receive(milliseconds(1), std::nullopt, 2u);
  std::array<std::uint8_t, 8> out{};
  EXPECT_EQ(f.channel.poll_transmit(milliseconds(1), out).error(), SendError::kBufferTooSmall);
  EXPECT_EQ(f.channel.queued(), 1u);
}

}  // namespace
}  // namespace pptpkit::gre
