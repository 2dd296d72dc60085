#include "ppp/mppe.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hex_util.h"

namespace pptpkit::ppp {
namespace {

using crypto::MppeStrength;
using test::hex;

crypto::MppeDirectionKeys keys_for(MppeStrength strength) {
  std::vector<std::uint8_t> octets(crypto::mppe_key_size(strength));
  for (std::size_t i = 0; i < octets.size(); ++i) octets[i] = static_cast<std::uint8_t>(i);
  const crypto::MppeKey start(octets);
  return {start, crypto::reduce_session_key(start, strength)};
}

// A plaintext PPP packet in a buffer with MPPE header room in front.
std::vector<std::uint8_t> make_packet(std::uint32_t n) {
  std::vector<std::uint8_t> packet{0, 0, 0x00, 0x21};
  const std::string payload = "packet " + std::to_string(n);
  packet.insert(packet.end(), payload.begin(), payload.end());
  return packet;
}

void expect_delivered(MppeReceiver& receiver, std::vector<std::uint8_t> packet, std::uint32_t n) {
  const auto plain = receiver.decrypt(packet);
  ASSERT_TRUE(plain) << "packet " << n << ": " << to_string(plain.error());
  EXPECT_EQ(plain->protocol, 0x0021);
  const auto expected = make_packet(n);
  EXPECT_EQ(test::to_vector(plain->payload), std::vector<std::uint8_t>(expected.begin() + 4, expected.end()));
}

struct Combination {
  MppeStrength strength;
  MppeMode mode;
};

class MppeRoundTrip : public ::testing::TestWithParam<Combination> {
 protected:
  MppeConfig config() const { return {GetParam().strength, GetParam().mode}; }
};

// 5000 packets cross 19 stateful key changes and the 4096 count wrap.
TEST_P(MppeRoundTrip, ManyPacketsAcrossRekeysAndWrap) {
  MppeSender sender(config(), keys_for(GetParam().strength));
  MppeReceiver receiver(config(), keys_for(GetParam().strength));
  for (std::uint32_t n = 0; n < 5000; ++n) {
    auto packet = make_packet(n);
    const auto plaintext = packet;
    EXPECT_EQ(sender.encrypt(packet), n % 4096);
    EXPECT_NE(packet, plaintext);
    const bool flushed = (packet[0] & kMppeFlushed) != 0;
    EXPECT_EQ(flushed, GetParam().mode == MppeMode::kStateless || n % 256 == 255) << n;
    EXPECT_EQ(packet[0] & kMppeEncrypted, kMppeEncrypted);
    expect_delivered(receiver, packet, n);
  }
  EXPECT_EQ(receiver.packets(), 5000u);
}

INSTANTIATE_TEST_SUITE_P(AllSix, MppeRoundTrip,
                         ::testing::Values(Combination{MppeStrength::k40Bit, MppeMode::kStateful},
                                           Combination{MppeStrength::k56Bit, MppeMode::kStateful},
                                           Combination{MppeStrength::k128Bit, MppeMode::kStateful},
                                           Combination{MppeStrength::k40Bit, MppeMode::kStateless},
                                           Combination{MppeStrength::k56Bit, MppeMode::kStateless},
                                           Combination{MppeStrength::k128Bit, MppeMode::kStateless}));

// Expected values from tests/vectors/mppe_first_packet.py, an independent
// RC4 + SHA-1 computation (its RC4 agrees with `openssl enc -rc4 -provider
// legacy -provider default -K 000102030405060708090a0b0c0d0e0f -nosalt`).
TEST(Mppe, FirstPacketMatchesIndependentComputation) {
  const auto keys = keys_for(MppeStrength::k128Bit);
  for (auto [mode, expected] : {std::pair{MppeMode::kStateful, "1000e9bd3089339272a572fa"},
                                std::pair{MppeMode::kStateless, "9000586a8f74a7a2803f3ca4"}}) {
    MppeSender sender({MppeStrength::k128Bit, mode}, keys);
    std::vector<std::uint8_t> packet{0, 0, 0x00, 0x21, 'p', 'p', 't', 'p', 'k', 'i', 't', '!'};
    sender.encrypt(packet);
    EXPECT_EQ(packet, hex(expected));
  }
}

TEST(Mppe, StatefulLossAsksForResetAndRecoversAfterFlush) {
  const MppeConfig config{MppeStrength::k128Bit, MppeMode::kStateful};
  MppeSender sender(config, keys_for(config.strength));
  MppeReceiver receiver(config, keys_for(config.strength));
  std::uint32_t n = 0;
  for (; n < 250; ++n) {
    auto packet = make_packet(n);
    sender.encrypt(packet);
    expect_delivered(receiver, packet, n);
  }
  // Lose packets 250..260, across the flag packet 255 (a key change).
  for (; n <= 260; ++n) {
    auto packet = make_packet(n);
    sender.encrypt(packet);
  }
  auto after_gap = make_packet(n);
  sender.encrypt(after_gap);
  EXPECT_EQ(receiver.decrypt(after_gap).error(), MppeDrop::kOutOfSync);
  EXPECT_TRUE(receiver.out_of_sync());
  EXPECT_TRUE(receiver.take_reset_request());
  EXPECT_FALSE(receiver.take_reset_request());
  ++n;
  // Until the Reset-Request reaches the sender, packets are dropped.
  auto unflushed = make_packet(n++);
  sender.encrypt(unflushed);
  EXPECT_EQ(receiver.decrypt(unflushed).error(), MppeDrop::kOutOfSync);
  sender.on_reset_request();
  for (std::uint32_t end = n + 300; n < end; ++n) {
    auto packet = make_packet(n);
    sender.encrypt(packet);
    expect_delivered(receiver, packet, n);
  }
  EXPECT_FALSE(receiver.out_of_sync());
  EXPECT_EQ(receiver.dropped(MppeDrop::kOutOfSync), 2u);
}

TEST(Mppe, StatelessSurvivesLossAndDropsLateOrReplayed) {
  const MppeConfig config{MppeStrength::k40Bit, MppeMode::kStateless};
  MppeSender sender(config, keys_for(config.strength));
  MppeReceiver receiver(config, keys_for(config.strength));
  std::vector<std::vector<std::uint8_t>> sent;
  for (std::uint32_t n = 0; n < 20; ++n) {
    sent.push_back(make_packet(n));
    sender.encrypt(sent.back());
  }
  expect_delivered(receiver, sent[0], 0);
  expect_delivered(receiver, sent[3], 3);                             // 1 and 2 lost (or late)
  EXPECT_EQ(receiver.decrypt(sent[2]).error(), MppeDrop::kReplayed);  // late: behind
  EXPECT_EQ(receiver.decrypt(sent[3]).error(), MppeDrop::kReplayed);  // the same count again
  expect_delivered(receiver, sent[5], 5);
  expect_delivered(receiver, sent[19], 19);
  EXPECT_EQ(receiver.dropped(MppeDrop::kReplayed), 2u);
  EXPECT_FALSE(receiver.take_reset_request());
}

TEST(Mppe, StatelessReplayOfOldCiphertextIsDropped) {
  const MppeConfig config{MppeStrength::k128Bit, MppeMode::kStateless};
  MppeSender sender(config, keys_for(config.strength));
  MppeReceiver receiver(config, keys_for(config.strength));
  auto first = make_packet(0);
  sender.encrypt(first);
  const auto copy = first;
  expect_delivered(receiver, first, 0);
  auto replayed = copy;
  EXPECT_EQ(receiver.decrypt(replayed).error(), MppeDrop::kReplayed);
}

TEST(Mppe, StatelessForwardJumpIsBounded) {
  const MppeConfig config{MppeStrength::k128Bit, MppeMode::kStateless};
  MppeSender sender(config, keys_for(config.strength));
  MppeReceiver receiver(config, keys_for(config.strength), 100);
  std::vector<std::vector<std::uint8_t>> sent;
  for (std::uint32_t n = 0; n < 300; ++n) {
    sent.push_back(make_packet(n));
    sender.encrypt(sent.back());
  }
  expect_delivered(receiver, sent[0], 0);
  EXPECT_EQ(receiver.decrypt(sent[150]).error(), MppeDrop::kJumpTooFar);
  expect_delivered(receiver, sent[99], 99);  // 99 ahead: within the bound
  EXPECT_EQ(receiver.dropped(MppeDrop::kJumpTooFar), 1u);
}

TEST(Mppe, SanityDrops) {
  const MppeConfig stateless{MppeStrength::k128Bit, MppeMode::kStateless};
  MppeReceiver receiver(stateless, keys_for(stateless.strength));
  std::vector<std::uint8_t> packet{0x90, 0x00};
  EXPECT_EQ(receiver.decrypt(packet).error(), MppeDrop::kTruncated);
  packet = {0x80, 0x00, 0x00, 0x21};
  EXPECT_EQ(receiver.decrypt(packet).error(), MppeDrop::kNotEncrypted);
  packet = {0xB0, 0x00, 0x00, 0x21};
  EXPECT_EQ(receiver.decrypt(packet).error(), MppeDrop::kCompressed);
  packet = {0x10, 0x00, 0x00, 0x21};
  EXPECT_EQ(receiver.decrypt(packet).error(), MppeDrop::kMissingFlush);

  const MppeConfig stateful{MppeStrength::k128Bit, MppeMode::kStateful};
  MppeReceiver flag_check(stateful, keys_for(stateful.strength));
  packet = {0x10, 0xFF, 0x00, 0x21};  // flag packet without A
  EXPECT_EQ(flag_check.decrypt(packet).error(), MppeDrop::kMissingFlush);
  EXPECT_EQ(to_string(MppeDrop::kMissingFlush), "flushed bit missing");
}

TEST(Mppe, ReceiverAcceptsCompressedProtocolField) {
  const MppeConfig config{MppeStrength::k128Bit, MppeMode::kStateful};
  MppeSender sender(config, keys_for(config.strength));
  MppeReceiver receiver(config, keys_for(config.strength));
  // Encrypt "21 xx" as the sender would, then decrypt: a one-octet (PFC)
  // Protocol field is odd in its first octet.
  std::vector<std::uint8_t> packet{0, 0, 0x21, 0x45, 0x00};
  sender.encrypt(packet);
  const auto plain = receiver.decrypt(packet);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->protocol, 0x21);
  EXPECT_EQ(plain->payload.size(), 2u);
}

}  // namespace
}  // namespace pptpkit::ppp
