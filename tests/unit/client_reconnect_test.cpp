// The VPN client's reconnect schedule on a virtual clock: which endings are
// retried, the doubling back-off with its jitter (drawn from an injected
// source) and its cap, the attempt limit, and the reset after a session
// that stayed up.
#include <gtest/gtest.h>

#include <vector>

#include "client/reconnect.h"
#include "fake_random.h"

namespace pptpkit::client {
namespace {

using namespace std::chrono_literals;

// Jitter fractions as next_u32() values: 0 takes nothing off, the maximum
// almost a quarter.
constexpr std::uint32_t kNoJitter = 0;
constexpr std::uint32_t kMostJitter = 0xFFFFFFFF;

class Schedule : public ::testing::Test {
 protected:
  ReconnectSchedule make(ReconnectSettings settings) { return ReconnectSchedule(settings, random_); }
  void next_jitter(std::uint32_t value) {
    random_.script({static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
                    static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)});
  }
  Duration retry_wait(ReconnectSchedule& schedule, AttemptEnd end) {
    now_ += 1s;
    const auto decision = schedule.next(now_, end);
    const auto* retry = std::get_if<Retry>(&decision);
    EXPECT_NE(retry, nullptr) << std::get<GiveUp>(decision).reason;
    return retry ? retry->wait : Duration{};
  }

  test::ScriptedRandom random_;
  Timestamp now_{};  // the virtual clock
  ReconnectSettings on_{.enabled = true};
};

TEST_F(Schedule, WithoutReconnectEveryEndIsFinal) {
  auto schedule = make({});
  for (auto end : {AttemptEnd::kFailed, AttemptEnd::kLost, AttemptEnd::kSignal, AttemptEnd::kAuthFailed}) {
    EXPECT_TRUE(std::holds_alternative<GiveUp>(schedule.next(now_, end)));
  }
}

TEST_F(Schedule, SignalsAuthFailuresAndLocalErrorsAreNeverRetried) {
  auto schedule = make(on_);
  for (auto end : {AttemptEnd::kSignal, AttemptEnd::kAuthFailed, AttemptEnd::kLocalError}) {
    const auto decision = schedule.next(now_, end);
    ASSERT_TRUE(std::holds_alternative<GiveUp>(decision));
  }
  EXPECT_NE(std::get<GiveUp>(schedule.next(now_, AttemptEnd::kAuthFailed)).reason.find("authentication"),
            std::string_view::npos);
}

TEST_F(Schedule, WaitsDoubleUpToTheCap) {
  on_.max_delay = 10s;
  auto schedule = make(on_);
  std::vector<Duration> waits;
  for (int i = 0; i < 7; ++i) {
    next_jitter(kNoJitter);
    waits.push_back(retry_wait(schedule, i % 2 ? AttemptEnd::kFailed : AttemptEnd::kLost));
  }
  EXPECT_EQ(waits, (std::vector<Duration>{1s, 2s, 4s, 8s, 10s, 10s, 10s}));
}

TEST_F(Schedule, JitterTakesUpToAQuarterOffAndWaitsStillGrow) {
  auto schedule = make(on_);
  next_jitter(kMostJitter);
  const Duration first = retry_wait(schedule, AttemptEnd::kFailed);
  EXPECT_GT(first, 750ms);
  EXPECT_LT(first, 751ms);
  next_jitter(kNoJitter);
  EXPECT_EQ(retry_wait(schedule, AttemptEnd::kFailed), 2s);
  next_jitter(0x80000000);  // half of the quarter
  EXPECT_EQ(retry_wait(schedule, AttemptEnd::kFailed), 3500ms);

  // Whatever the draws, each wait is longer than the one before, up to the cap.
  SeededRandom random(42);
  auto drawn = ReconnectSchedule(on_, random);
  Duration previous{};
  for (int i = 0; i < 6; ++i) {
    const Duration wait = retry_wait(drawn, AttemptEnd::kFailed);
    EXPECT_GT(wait, previous);
    EXPECT_LE(wait, on_.max_delay);
    previous = wait;
  }
}

TEST_F(Schedule, ASessionThatStayedUpResetsTheBackOff) {
  auto schedule = make(on_);
  for (int i = 0; i < 4; ++i) {
    next_jitter(kNoJitter);
    (void)retry_wait(schedule, AttemptEnd::kFailed);
  }
  // Up, then lost a little before kStableSession: the back-off goes on.
  schedule.session_up(now_);
  now_ += kStableSession - 2s;
  next_jitter(kNoJitter);
  const auto short_lived = schedule.next(now_, AttemptEnd::kLost);
  ASSERT_TRUE(std::holds_alternative<Retry>(short_lived));
  EXPECT_EQ(std::get<Retry>(short_lived).wait, 16s);
  EXPECT_EQ(std::get<Retry>(short_lived).attempt, 5U);

  // Up for kStableSession: the next wait is the first again.
  schedule.session_up(now_);
  now_ += kStableSession;
  next_jitter(kNoJitter);
  const auto after_stable = schedule.next(now_, AttemptEnd::kLost);
  ASSERT_TRUE(std::holds_alternative<Retry>(after_stable));
  EXPECT_EQ(std::get<Retry>(after_stable).wait, 1s);
  EXPECT_EQ(std::get<Retry>(after_stable).attempt, 1U);

  // A session's time counts once: the next failure continues from there.
  next_jitter(kNoJitter);
  EXPECT_EQ(retry_wait(schedule, AttemptEnd::kFailed), 2s);
}

TEST_F(Schedule, GivesUpAfterTheAttemptsInARow) {
  on_.max_attempts = 3;
  auto schedule = make(on_);
  for (int i = 0; i < 3; ++i) {
    next_jitter(kNoJitter);
    (void)retry_wait(schedule, AttemptEnd::kFailed);
  }
  const auto decision = schedule.next(now_, AttemptEnd::kFailed);
  ASSERT_TRUE(std::holds_alternative<GiveUp>(decision));
  EXPECT_NE(std::get<GiveUp>(decision).reason.find("attempts"), std::string_view::npos);
}

TEST_F(Schedule, AStableSessionRenewsTheAttempts) {
  on_.max_attempts = 2;
  auto schedule = make(on_);
  for (int i = 0; i < 2; ++i) {
    next_jitter(kNoJitter);
    (void)retry_wait(schedule, AttemptEnd::kFailed);
  }
  schedule.session_up(now_);
  now_ += kStableSession;
  next_jitter(kNoJitter);
  EXPECT_TRUE(std::holds_alternative<Retry>(schedule.next(now_, AttemptEnd::kLost)));
}

TEST_F(Schedule, AFirstDelayAboveTheCapIsCapped) {
  on_.first_delay = 90s;
  on_.max_delay = 30s;
  auto schedule = make(on_);
  next_jitter(kNoJitter);
  EXPECT_EQ(retry_wait(schedule, AttemptEnd::kFailed), 30s);
}

}  // namespace
}  // namespace pptpkit::client
