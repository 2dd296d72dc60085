#include "sim/sim_host.h"

#include <algorithm>

#include "gre/ip_address.h"

namespace pptpkit::sim {

Host::Host(Network& network, std::uint32_t address) : network_(network), address_(address) {
  network_.attach(address, *this);
}

gre::Channel& Host::open(std::uint16_t our_call_id, std::uint32_t peer_address,
                         const gre::ChannelConfig& config) {
  Call& call = calls_[our_call_id];
  call.channel = std::make_unique<gre::Channel>(config);
  call.peer_address = peer_address;
  call_of_[call.channel.get()] = our_call_id;
  (void)demux_.add(our_call_id, gre::IpAddress::v4(peer_address), *call.channel);
  return *call.channel;
}

void Host::send(std::uint16_t our_call_id, Bytes payload) {
  Call& call = calls_.at(our_call_id);
  std::copy(payload.begin(), payload.end(), buffer_.begin() + gre::kHeadroom);
  const auto sent = call.channel->send_payload(network_.now(), buffer_, gre::kHeadroom, payload.size());
  if (sent && !sent->packet.empty()) network_.transmit(address_, call.peer_address, sent->packet);
  service(network_.now(), our_call_id);
}

const std::vector<std::vector<std::uint8_t>>& Host::delivered(std::uint16_t our_call_id) const {
  return calls_.at(our_call_id).delivered;
}

void Host::on_datagram(Timestamp now, Bytes datagram) {
  if (gre::Channel* channel = demux_.on_datagram(now, datagram, *this)) service(now, call_of_.at(channel));
}

std::optional<Timestamp> Host::next_deadline() const {
  prune();
  if (deadlines_.empty()) return std::nullopt;
  return deadlines_.top().first;
}

void Host::on_timeout(Timestamp now) {
  while (!deadlines_.empty() && deadlines_.top().first <= now) {
    const std::uint16_t call_id = deadlines_.top().second;
    deadlines_.pop();
    calls_.at(call_id).channel->on_timeout(now, *this);
    service(now, call_id);
  }
}

void Host::on_payload(gre::Channel& channel, Bytes payload) {
  calls_.at(call_of_.at(&channel)).delivered.emplace_back(payload.begin(), payload.end());
}

void Host::service(Timestamp now, std::uint16_t our_call_id) {
  Call& call = calls_.at(our_call_id);
  for (;;) {
    const auto size = call.channel->poll_transmit(now, buffer_);
    if (!size || *size == 0) break;
    network_.transmit(address_, call.peer_address, Bytes(buffer_).first(*size));
  }
  const gre::Sender& sender = call.channel->sender();
  max_window_excess_ = std::max<std::int64_t>(
      max_window_excess_, std::int64_t{sender.in_flight()} - std::int64_t{sender.window()});
  if (const auto deadline = call.channel->next_deadline()) deadlines_.emplace(*deadline, our_call_id);
}

// Drops heap entries that no longer match their channel's deadline.
void Host::prune() const {
  while (!deadlines_.empty()) {
    const auto& [at, call_id] = deadlines_.top();
    const auto actual = calls_.at(call_id).channel->next_deadline();
    if (actual && *actual <= at) return;
    deadlines_.pop();
    if (actual) deadlines_.emplace(*actual, call_id);
  }
}

}  // namespace pptpkit::sim
