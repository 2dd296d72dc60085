#include "sim/sim_network.h"

#include <algorithm>

#include "wire/ipv4.h"

namespace pptpkit::sim {

Network::Network(std::uint64_t seed, const LinkProfile& profile) : rng_(seed), profile_(profile) {}

bool Network::chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

void Network::transmit(std::uint32_t source, std::uint32_t destination, Bytes gre_packet) {
  ++stats_.sent;
  if (chance(profile_.loss)) {
    ++stats_.lost;
    ++stats_.lost_to[destination];
    return;
  }
  std::vector<std::uint8_t> datagram(wire::kIpv4HeaderSize + gre_packet.size());
  wire::Ipv4Header ip;
  ip.total_length = static_cast<std::uint16_t>(datagram.size());
  ip.identification = identification_++;
  ip.protocol = wire::kIpProtocolGre;
  ip.source_address = source;
  ip.destination_address = destination;
  (void)wire::encode_ipv4_header(ip, datagram);
  std::copy(gre_packet.begin(), gre_packet.end(), datagram.begin() + wire::kIpv4HeaderSize);

  const int copies = chance(profile_.duplicate) ? 2 : 1;
  if (copies == 2) ++stats_.duplicated;
  for (int i = 0; i < copies; ++i) {
    Duration delay = profile_.delay;
    if (profile_.jitter.count() > 0) {
      delay += Duration(std::uniform_int_distribution<std::int64_t>(0, profile_.jitter.count())(rng_));
    }
    if (chance(profile_.reorder)) delay += profile_.reorder_delay;
    push(now_ + delay, destination, datagram);
  }
}

void Network::schedule(Timestamp at, std::function<void(Timestamp)> action) {
  events_.push(Event{at, order_++, 0, {}, std::move(action)});
}

void Network::push(Timestamp at, std::uint32_t destination, std::vector<std::uint8_t> datagram) {
  events_.push(Event{at, order_++, destination, std::move(datagram), {}});
}

void Network::run_until(Timestamp end) {
  for (;;) {
    std::optional<Timestamp> timer;
    Node* timer_node = nullptr;
    for (auto& [address, node] : nodes_) {
      const auto deadline = node->next_deadline();
      if (deadline && (!timer || *deadline < *timer)) {
        timer = deadline;
        timer_node = node;
      }
    }
    const bool event_first = !events_.empty() && (!timer || events_.top().at <= *timer);
    const Timestamp next = event_first ? events_.top().at : timer.value_or(end + Duration(1));
    if (next > end) break;
    now_ = std::max(now_, next);
    if (!event_first) {
      timer_node->on_timeout(now_);
      continue;
    }
    Event event = events_.top();
    events_.pop();
    if (event.action) {
      event.action(now_);
      continue;
    }
    ++stats_.delivered;
    mix(static_cast<std::uint64_t>(now_.count()));
    mix(event.destination);
    for (std::uint8_t b : event.datagram) mix(b);
    if (auto it = nodes_.find(event.destination); it != nodes_.end())
      it->second->on_datagram(now_, event.datagram);
  }
  now_ = std::max(now_, end);
}

void Network::mix(std::uint64_t value) {
  hash_ ^= value;
  hash_ *= 0x100000001b3u;  // FNV-1a prime
}

}  // namespace pptpkit::sim
