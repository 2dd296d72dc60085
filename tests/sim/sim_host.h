// A simulated PPTP data-channel endpoint: one gre::Demux in front of any
// number of gre::Channels, attached to a sim::Network. It keeps a deadline
// heap over its channels (lazily pruned), so thousands of sessions cost
// O(log n) per timer, and records every payload delivered per call.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gre/channel.h"
#include "gre/demux.h"
#include "sim/sim_network.h"

namespace pptpkit::sim {

class Host final : public Node, public gre::ChannelSink {
 public:
  Host(Network& network, std::uint32_t address);

  // A call: GRE for `our_call_id` from `peer_address` goes to a new channel
  // that sends to the peer with config.peer_call_id.
  gre::Channel& open(std::uint16_t our_call_id, std::uint32_t peer_address, const gre::ChannelConfig& config);

  // Sends a payload on a call now (the network's current time).
  void send(std::uint16_t our_call_id, Bytes payload);

  // Payloads delivered on a call, in delivery order.
  const std::vector<std::vector<std::uint8_t>>& delivered(std::uint16_t our_call_id) const;
  // Largest in-flight count minus window seen after any event (strict: <= 0).
  std::int64_t max_window_excess() const { return max_window_excess_; }
  const gre::Channel& channel(std::uint16_t our_call_id) const { return *calls_.at(our_call_id).channel; }
  const gre::Demux& demux() const { return demux_; }

  void on_datagram(Timestamp now, Bytes datagram) override;
  std::optional<Timestamp> next_deadline() const override;
  void on_timeout(Timestamp now) override;
  void on_payload(gre::Channel& channel, Bytes payload) override;

 private:
  struct Call {
    std::unique_ptr<gre::Channel> channel;
    std::uint32_t peer_address = 0;
    std::vector<std::vector<std::uint8_t>> delivered;
  };
  using Deadline = std::pair<Timestamp, std::uint16_t>;

  // Sends what the channel owes and re-arms its deadline.
  void service(Timestamp now, std::uint16_t our_call_id);
  void prune() const;

  Network& network_;
  std::uint32_t address_;
  gre::Demux demux_;
  std::unordered_map<std::uint16_t, Call> calls_;
  std::unordered_map<const gre::Channel*, std::uint16_t> call_of_;
  mutable std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_;
  std::array<std::uint8_t, 2048> buffer_{};
  std::int64_t max_window_excess_ = -1;
};

}  // namespace pptpkit::sim
