#include "gre/receiver.h"

#include <gtest/gtest.h>

#include <vector>

namespace pptpkit::gre {
namespace {

using std::chrono::milliseconds;

class Collect final : public PayloadSink {
 public:
  void deliver(std::uint32_t sequence, Bytes payload) override {
    sequences.push_back(sequence);
    payloads.emplace_back(payload.begin(), payload.end());
  }
  std::vector<std::uint32_t> sequences;
  std::vector<std::vector<std::uint8_t>> payloads;
};

ReceiverConfig config(std::size_t hold_count = 4, std::uint32_t max_jump = 1000) {
  return ReceiverConfig{hold_count, milliseconds(50), max_jump};
}

struct Fixture {
  explicit Fixture(const ReceiverConfig& c = config()) : receiver(c) {}
  std::optional<DropReason> rx(std::uint32_t seq, Timestamp now = milliseconds(0)) {
    const std::uint8_t byte = static_cast<std::uint8_t>(seq);
    return receiver.on_packet(now, seq, Bytes(&byte, 1), sink);
  }
  Receiver receiver;
  Collect sink;
};

using Seqs = std::vector<std::uint32_t>;

TEST(GreReceiver, DeliversInOrderPackets) {
  Fixture f;
  for (std::uint32_t s = 1; s <= 3; ++s) EXPECT_EQ(f.rx(s), std::nullopt);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 2, 3}));
  EXPECT_EQ(f.sink.payloads[2], std::vector<std::uint8_t>{3});
}

TEST(GreReceiver, AcceptsAFirstSequenceNumberOfZeroOrOne) {
  for (std::uint32_t first : {0u, 1u}) {
    Fixture f;
    EXPECT_EQ(f.rx(first), std::nullopt);
    EXPECT_EQ(f.rx(first + 1), std::nullopt);
    EXPECT_EQ(f.sink.sequences, (Seqs{first, first + 1}));
  }
}

TEST(GreReceiver, WaitsForTheFirstPacketsOfACallCountingFromOne) {
  Fixture f;
  EXPECT_EQ(f.rx(3), std::nullopt);  // 1 and 2 were overtaken
  f.rx(1);
  f.rx(2);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 2, 3}));
}

TEST(GreReceiver, StartsMidStreamWhereThePeerIs) {
  Fixture f;
  EXPECT_EQ(f.rx(5000), std::nullopt);
  EXPECT_EQ(f.sink.sequences, (Seqs{5000}));
}

TEST(GreReceiver, ReordersHeldPackets) {
  Fixture f;
  f.rx(1);
  EXPECT_EQ(f.rx(3), std::nullopt);
  EXPECT_EQ(f.rx(4), std::nullopt);
  EXPECT_EQ(f.receiver.held(), 2u);
  EXPECT_EQ(f.rx(2), std::nullopt);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 2, 3, 4}));
  EXPECT_EQ(f.receiver.held(), 0u);
  EXPECT_EQ(f.sink.payloads[2], std::vector<std::uint8_t>{3});  // the held copy
}

TEST(GreReceiver, DropsDuplicatesOfDeliveredAndHeldPackets) {
  Fixture f;
  f.rx(1);
  f.rx(2);
  EXPECT_EQ(f.rx(2), DropReason::kDuplicate);
  EXPECT_EQ(f.rx(1), DropReason::kDuplicate);
  f.rx(4);
  EXPECT_EQ(f.rx(4), DropReason::kDuplicate);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 2}));
}

TEST(GreReceiver, DropsPacketsOlderThanWhatWasDelivered) {
  Fixture f(config(0));  // nothing held: a gap is given up at once
  f.rx(1);
  f.rx(3);
  EXPECT_EQ(f.rx(2), DropReason::kTooOld);
  EXPECT_EQ(f.rx(3), DropReason::kDuplicate);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 3}));
  // Beyond the 64 remembered, everything behind is too old.
  for (std::uint32_t s = 4; s < 100; ++s) f.rx(s);
  EXPECT_EQ(f.rx(5), DropReason::kTooOld);
}

TEST(GreReceiver, HoldsAtMostHoldCount) {
  Fixture f(config(2));
  f.rx(1);
  f.rx(4);
  f.rx(5);
  EXPECT_EQ(f.receiver.held(), 2u);
  // Full: the gap before 4 (2, 3) is given up.
  EXPECT_EQ(f.rx(7), std::nullopt);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 4, 5}));
  EXPECT_EQ(f.receiver.held(), 1u);
  EXPECT_EQ(f.rx(2), DropReason::kTooOld);
}

TEST(GreReceiver, WhenFullAPacketBeforeTheHeldOnesIsDeliveredFirst) {
  Fixture f(config(2));
  f.rx(1);
  f.rx(5);
  f.rx(6);
  EXPECT_EQ(f.rx(3), std::nullopt);  // the gap 2 goes, 3 is delivered, 5 and 6 stay held
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 3}));
  f.rx(4);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 3, 4, 5, 6}));
}

TEST(GreReceiver, HoldsAtMostHoldTime) {
  Fixture f;
  f.rx(1, milliseconds(0));
  f.rx(3, milliseconds(10));
  f.rx(5, milliseconds(30));
  EXPECT_EQ(f.receiver.deadline(), milliseconds(60));
  f.receiver.on_timeout(milliseconds(59), f.sink);
  EXPECT_EQ(f.sink.sequences, (Seqs{1}));
  f.receiver.on_timeout(milliseconds(60), f.sink);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 3}));
  EXPECT_EQ(f.receiver.deadline(), milliseconds(80));
  f.receiver.on_timeout(milliseconds(80), f.sink);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 3, 5}));
  EXPECT_EQ(f.receiver.deadline(), std::nullopt);
}

TEST(GreReceiver, HandlesWrapAround) {
  Fixture f;
  f.rx(0xFFFFFFFEu);
  f.rx(0xFFFFFFFFu);
  f.rx(1);  // held across the wrap
  f.rx(0);
  EXPECT_EQ(f.sink.sequences, (Seqs{0xFFFFFFFEu, 0xFFFFFFFFu, 0, 1}));
  EXPECT_EQ(f.rx(0xFFFFFFFFu), DropReason::kDuplicate);
}

TEST(GreReceiver, DropsPacketsFarAheadAsOutOfWindow) {
  Fixture f(config(4, 100));
  f.rx(1);
  EXPECT_EQ(f.rx(500), DropReason::kOutOfWindow);
  EXPECT_EQ(f.rx(2), std::nullopt);  // the stray one changed nothing
  EXPECT_EQ(f.rx(102), std::nullopt);
  EXPECT_EQ(f.receiver.held(), 1u);
}

TEST(GreReceiver, FollowsAPeerThatReallyJumped) {
  Fixture f(config(4, 100));
  f.rx(1);
  f.rx(3);  // held
  EXPECT_EQ(f.rx(1000), DropReason::kOutOfWindow);
  EXPECT_EQ(f.rx(1001), std::nullopt);
  EXPECT_EQ(f.sink.sequences, (Seqs{1, 3, 1001}));
  EXPECT_EQ(f.rx(1002), std::nullopt);
}

}  // namespace
}  // namespace pptpkit::gre
