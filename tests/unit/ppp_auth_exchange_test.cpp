// Authenticator and AuthPeer of the same method talking in memory.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "crypto/mppe_keys.h"
#include "fake_random.h"
#include "ppp/auth_authenticator.h"
#include "ppp/auth_peer.h"
#include "ppp/secrets.h"

namespace pptpkit::ppp {
namespace {

using namespace std::chrono_literals;

constexpr AuthTiming kTiming{1s, 3};

ChapSecrets secrets() {
  auto parsed = parse_chap_secrets(
      "alice  pptpkit  wonderland  198.18.0.7\n"
      "bob    *        builder     *\n");
  if (!parsed) throw std::logic_error("test secrets do not parse");
  return *parsed;
}

// Carries packets between the two sides; `deliver` may drop some.
struct Link {
  Authenticator& authenticator;
  AuthPeer& peer;
  std::function<bool(bool to_peer, const std::vector<std::uint8_t>&)> deliver =
      [](bool, const std::vector<std::uint8_t>&) { return true; };
  int to_peer = 0;
  int to_authenticator = 0;

  void pump(Timestamp now) {
    for (bool moved = true; moved;) {
      moved = false;
      while (auto packet = authenticator.poll_packet()) {
        moved = true;
        ++to_peer;
        if (deliver(true, *packet)) peer.on_packet(now, *packet);
      }
      while (auto packet = peer.poll_packet()) {
        moved = true;
        ++to_authenticator;
        if (deliver(false, *packet)) authenticator.on_packet(now, *packet);
      }
    }
  }

  // Starts both, then fires timers until both are done or time runs out.
  void run() {
    Timestamp now{};
    authenticator.start(now);
    peer.start(now);
    pump(now);
    for (int step = 0; step < 50 && (authenticator.state() == AuthState::kInProgress ||
                                     peer.state() == AuthState::kInProgress);
         ++step) {
      now += 1s;
      authenticator.on_timeout(now);
      peer.on_timeout(now);
      pump(now);
    }
  }
};

class AuthExchange : public ::testing::TestWithParam<AuthMethod> {
 protected:
  AuthenticatorConfig authenticator_config(unsigned max_failures = 1) {
    return {GetParam(), "pptpkit", kTiming, max_failures, "Welcome", "Go away"};
  }
  AuthPeerConfig peer_config(std::string user, std::string password) {
    return {GetParam(), std::move(user), std::move(password), kTiming};
  }
  bool mschap() const { return GetParam() == AuthMethod::kMsChapV1 || GetParam() == AuthMethod::kMsChapV2; }

  ChapSecrets secrets_ = secrets();
  test::ScriptedRandom authenticator_random_;
  test::ScriptedRandom peer_random_;
};

TEST_P(AuthExchange, Succeeds) {
  Authenticator authenticator(authenticator_config(), secrets_, authenticator_random_);
  AuthPeer peer(peer_config("alice", "wonderland"), peer_random_);
  Link{authenticator, peer}.run();
  ASSERT_EQ(authenticator.state(), AuthState::kSucceeded);
  ASSERT_EQ(peer.state(), AuthState::kSucceeded);
  EXPECT_EQ(authenticator.outcome().user_name, "alice");
  EXPECT_EQ(authenticator.outcome().addresses.static_address(), 0xC6120007u);
  EXPECT_EQ(peer.outcome().message, "Welcome");
  EXPECT_EQ(authenticator.next_deadline(), std::nullopt);
  ASSERT_EQ(authenticator.outcome().key_material.has_value(), mschap());
  ASSERT_EQ(peer.outcome().key_material.has_value(), mschap());
  if (mschap()) {
    // Both ends derive matching MPPE keys (RFC 3079).
    for (auto strength : {crypto::MppeStrength::k40Bit, crypto::MppeStrength::k128Bit}) {
      const auto server =
          mppe_keys(*authenticator.outcome().key_material, crypto::MppeRole::kAuthenticator, strength);
      const auto client = mppe_keys(*peer.outcome().key_material, crypto::MppeRole::kPeer, strength);
      ASSERT_TRUE(server && client);
      EXPECT_EQ(server->send, client->receive);
      EXPECT_EQ(server->receive, client->send);
    }
  }
}

TEST_P(AuthExchange, WrongPasswordFails) {
  Authenticator authenticator(authenticator_config(), secrets_, authenticator_random_);
  AuthPeer peer(peer_config("alice", "looking-glass"), peer_random_);
  Link{authenticator, peer}.run();
  EXPECT_EQ(authenticator.state(), AuthState::kFailed);
  EXPECT_EQ(authenticator.outcome().failure, AuthFailure::kWrongPassword);
  EXPECT_EQ(peer.state(), AuthState::kFailed);
  EXPECT_EQ(peer.outcome().failure, AuthFailure::kRejected);
  EXPECT_EQ(peer.outcome().message, "Go away");
  if (mschap()) {
    EXPECT_EQ(peer.outcome().mschap_error, 691u);
    EXPECT_EQ(authenticator.outcome().mschap_error, 691u);
  }
}

TEST_P(AuthExchange, UnknownUserFails) {
  Authenticator authenticator(authenticator_config(), secrets_, authenticator_random_);
  AuthPeer peer(peer_config("mallory", "wonderland"), peer_random_);
  Link{authenticator, peer}.run();
  EXPECT_EQ(authenticator.outcome().failure, AuthFailure::kUnknownUser);
  EXPECT_EQ(authenticator.outcome().user_name, "mallory");
  EXPECT_EQ(peer.outcome().failure, AuthFailure::kRejected);
}

TEST_P(AuthExchange, WildcardServerEntryMatches) {
  Authenticator authenticator(authenticator_config(), secrets_, authenticator_random_);
  AuthPeer peer(peer_config("bob", "builder"), peer_random_);
  Link{authenticator, peer}.run();
  EXPECT_EQ(authenticator.state(), AuthState::kSucceeded);
  EXPECT_TRUE(authenticator.outcome().addresses.any);
}

TEST_P(AuthExchange, RecoversFromLostPackets) {
  Authenticator authenticator(authenticator_config(), secrets_, authenticator_random_);
  AuthPeer peer(peer_config("alice", "wonderland"), peer_random_);
  Link link{authenticator, peer};
  // Lose the first packet each way: the Challenge (or the PAP Request) is
  // retransmitted, then the first verdict is lost and the repeated Response
  // or Request gets it again.
  int seen_to_peer = 0;
  int seen_to_authenticator = 0;
  link.deliver = [&](bool to_peer, const std::vector<std::uint8_t>&) {
    return to_peer ? seen_to_peer++ != 0 : seen_to_authenticator++ != 0;
  };
  link.run();
  EXPECT_EQ(authenticator.state(), AuthState::kSucceeded);
  EXPECT_EQ(peer.state(), AuthState::kSucceeded);
  EXPECT_GT(link.to_authenticator, 1);
}

TEST_P(AuthExchange, AuthenticatorGivesUpWhenPeerIsSilent) {
  Authenticator authenticator(authenticator_config(), secrets_, authenticator_random_);
  Timestamp now{};
  authenticator.start(now);
  int sent = 0;
  for (int i = 0; i < 10; ++i) {
    while (authenticator.poll_packet()) ++sent;
    now += 1s;
    authenticator.on_timeout(now);
  }
  EXPECT_EQ(authenticator.outcome().failure, AuthFailure::kTimeout);
  // CHAP sends max_tries Challenges (the first and two retransmissions);
  // PAP only waits.
  EXPECT_EQ(sent, GetParam() == AuthMethod::kPap ? 0 : 3);
}

TEST_P(AuthExchange, PeerGivesUpWhenAuthenticatorIsSilent) {
  AuthPeer peer(peer_config("alice", "wonderland"), peer_random_);
  Timestamp now{};
  peer.start(now);
  int sent = 0;
  for (int i = 0; i < 10; ++i) {
    while (peer.poll_packet()) ++sent;
    now += 1s;
    peer.on_timeout(now);
  }
  EXPECT_EQ(peer.outcome().failure, AuthFailure::kTimeout);
  EXPECT_EQ(sent, GetParam() == AuthMethod::kPap ? 3 : 0);
}

TEST_P(AuthExchange, SecondAttemptAllowedByMaxFailures) {
  Authenticator authenticator(authenticator_config(2), secrets_, authenticator_random_);
  AuthPeer wrong(peer_config("alice", "looking-glass"), peer_random_);
  Link first{authenticator, wrong};
  authenticator.start(Timestamp{});
  wrong.start(Timestamp{});
  first.pump(Timestamp{});
  EXPECT_EQ(wrong.outcome().failure, AuthFailure::kRejected);
  ASSERT_EQ(authenticator.state(), AuthState::kInProgress);
  // A second peer object stands for the user trying again: it answers the
  // new Challenge (or sends a new PAP Request).
  AuthPeer right(peer_config("alice", "wonderland"), peer_random_);
  Link second{authenticator, right};
  Timestamp now{};
  right.start(now);
  if (GetParam() != AuthMethod::kPap) {
    // The Challenge was queued after the Failure and taken by the first link;
    // a timeout retransmits it.
    authenticator.on_timeout(now + 1s);
  }
  second.pump(now + 1s);
  EXPECT_EQ(authenticator.state(), AuthState::kSucceeded);
  EXPECT_EQ(right.state(), AuthState::kSucceeded);
}

INSTANTIATE_TEST_SUITE_P(AllMethods, AuthExchange,
                         ::testing::Values(AuthMethod::kPap, AuthMethod::kChapMd5, AuthMethod::kMsChapV1,
                                           AuthMethod::kMsChapV2),
                         [](const auto& param_info) {
                           std::string name(to_string(param_info.param));
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace pptpkit::ppp
