// Call IDs for every call of a server (RFC 2637 sections 2.7 and 2.9: the
// sender of Outgoing- or Incoming-Call-Request picks its Call ID, the peer
// carries it in every GRE packet's Key field, section 4.1).
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "base/random.h"
#include "base/time.h"

namespace pptpkit::pptp {

struct CallIdAllocatorConfig {
  // Calls the whole server carries at once; allocate() refuses beyond it.
  std::size_t max_calls = 1024;
  // How long a released Call ID stays unused, so GRE packets of the old call
  // still in flight never reach a new call that got the same ID.
  Duration quarantine = std::chrono::seconds(60);
};

// Shared by all control connections of a server (one per tunnel would let
// two tunnels hand out the same ID, and the data path finds a session by our
// Call ID plus the peer's address). Never hands out 0 (RFC 2637 uses 0 for
// "no call", e.g. the Peer's Call ID of a refused Outgoing-Call-Reply), and
// draws unpredictably among the free IDs so that a blind attacker cannot
// guess a live call's Key field and inject GRE packets into it.
class CallIdAllocator {
 public:
  CallIdAllocator(RandomSource& random, CallIdAllocatorConfig config = {});

  // A free Call ID, or nullopt when max_calls are in use or every ID is in
  // use or in quarantine.
  std::optional<std::uint16_t> allocate(Timestamp now);

  // Returns `id` (which allocate() handed out) to the pool after the
  // quarantine. Releasing an ID that is not in use is ignored.
  void release(std::uint16_t id, Timestamp now);

  std::size_t in_use() const { return in_use_; }
  std::size_t max_calls() const { return config_.max_calls; }
  // A new limit (a reload): calls already up stay, even above it.
  void set_max_calls(std::size_t max_calls) { config_.max_calls = max_calls; }

 private:
  static constexpr std::size_t kIdCount = 65536;
  // Tries of uniform rejection sampling before a scan from a random start;
  // the scan is only reached when nearly every ID is taken.
  static constexpr int kRandomTries = 32;

  void end_quarantines(Timestamp now);

  struct Quarantined {
    std::uint16_t id = 0;
    Timestamp until{};
  };

  RandomSource& random_;
  CallIdAllocatorConfig config_;
  std::bitset<kIdCount> taken_;  // in use or in quarantine; bit 0 always set
  std::bitset<kIdCount> live_;   // in use
  std::size_t in_use_ = 0;
  std::size_t taken_count_ = 1;
  // Released in time order, so the front always ends its quarantine first.
  std::deque<Quarantined> quarantine_;
};

}  // namespace pptpkit::pptp
