// A deterministic discrete-event network (in the manner of ngtcp2's
// examples/sim): nodes attached by IPv4 address exchange GRE packets through
// one link profile of loss, delay, jitter, reordering and duplication drawn
// from an explicitly seeded PRNG. Same seed, same run: trace_hash() digests
// every delivery.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <random>
#include <vector>

#include "base/bytes.h"
#include "base/time.h"

namespace pptpkit::sim {

using pptpkit::Duration;
using pptpkit::Timestamp;

struct LinkProfile {
  double loss = 0;                                 // probability a packet vanishes
  double duplicate = 0;                            // probability it arrives twice
  double reorder = 0;                              // probability it is held back by reorder_delay
  Duration delay = std::chrono::milliseconds(10);  // one way
  Duration jitter = std::chrono::milliseconds(0);  // uniform extra delay in [0, jitter]
  Duration reorder_delay = std::chrono::milliseconds(5);
};

// A host on the network.
class Node {
 public:
  virtual void on_datagram(Timestamp now, Bytes datagram) = 0;
  virtual std::optional<Timestamp> next_deadline() const = 0;
  virtual void on_timeout(Timestamp now) = 0;

 protected:
  ~Node() = default;
};

struct NetworkStats {
  std::uint64_t sent = 0;
  std::uint64_t lost = 0;
  std::uint64_t duplicated = 0;
  std::uint64_t delivered = 0;
  std::map<std::uint32_t, std::uint64_t> lost_to;  // by destination address
};

class Network {
 public:
  Network(std::uint64_t seed, const LinkProfile& profile);

  void attach(std::uint32_t address, Node& node) { nodes_[address] = &node; }
  void set_profile(const LinkProfile& profile) { profile_ = profile; }

  // Wraps the GRE packet in an IPv4 header and lets the link decide its fate.
  void transmit(std::uint32_t source, std::uint32_t destination, Bytes gre_packet);

  // Runs `action` at `at` (traffic from the application side).
  void schedule(Timestamp at, std::function<void(Timestamp)> action);

  // Processes deliveries, scheduled actions and node timers in time order
  // up to and including `end`.
  void run_until(Timestamp end);

  Timestamp now() const { return now_; }
  std::uint64_t trace_hash() const { return hash_; }
  const NetworkStats& stats() const { return stats_; }

 private:
  struct Event {
    Timestamp at;
    std::uint64_t order;  // ties break by insertion, keeping runs deterministic
    std::uint32_t destination;
    std::vector<std::uint8_t> datagram;
    std::function<void(Timestamp)> action;

    bool operator>(const Event& o) const { return at != o.at ? at > o.at : order > o.order; }
  };

  void push(Timestamp at, std::uint32_t destination, std::vector<std::uint8_t> datagram);
  void mix(std::uint64_t value);
  bool chance(double p);

  std::mt19937_64 rng_;
  LinkProfile profile_;
  std::map<std::uint32_t, Node*> nodes_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  Timestamp now_{0};
  std::uint64_t order_ = 0;
  std::uint16_t identification_ = 0;
  std::uint64_t hash_ = 0xcbf29ce484222325u;  // FNV-1a offset basis
  NetworkStats stats_;
};

}  // namespace pptpkit::sim
