// Test helper: an authenticator Link and a peer Link connected in memory,
// with optional loss and duplication drawn from a seeded generator.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

#include "base/random.h"
#include "ppp/deadline.h"
#include "ppp/link.h"
#include "ppp/secrets.h"

namespace pptpkit::test {

// xorshift64*: deterministic, good enough for tests and simulations.
class SeededRandom : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed | 1) {}
  std::uint64_t next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1DULL;
  }
  void fill(MutableBytes out) override {
    for (auto& octet : out) octet = static_cast<std::uint8_t>(next() >> 56);
  }
  // True with probability `p`.
  bool chance(double p) { return static_cast<double>(next() >> 11) < p * 9007199254740992.0; }

 private:
  std::uint64_t state_;
};

class FixedAddresses : public ppp::AddressProvider {
 public:
  Result<ppp::Ipv4Assignment, ppp::CloseReason> assign(std::string_view,
                                                       const ppp::AllowedAddresses&) override {
    if (!available) return Unexpected{ppp::CloseReason::kNoAddress};
    return ppp::Ipv4Assignment{0xC6120001, 0xC6120002, 0xC6120035, std::nullopt, std::nullopt, std::nullopt};
  }
  bool available = true;
};

inline ppp::ChapSecrets test_secrets() {
  auto parsed = ppp::parse_chap_secrets("alice * wonderland *\n");
  if (!parsed) throw std::logic_error("test secrets do not parse");
  return *parsed;
}

struct LinkPair {
  LinkPair(ppp::LinkConfig server_config, ppp::LinkConfig client_config, std::uint64_t seed = 1)
      : server_random(seed),
        client_random(seed + 1),
        network(seed + 2),
        server(std::move(server_config), server_random, ppp::AuthenticatorServices{secrets, addresses}),
        client(std::move(client_config), client_random, std::nullopt) {}

  ppp::ChapSecrets secrets = test_secrets();
  FixedAddresses addresses;
  SeededRandom server_random;
  SeededRandom client_random;
  SeededRandom network;
  ppp::Link server;
  ppp::Link client;
  double loss = 0;
  double duplication = 0;
  Timestamp now{};
  std::vector<ppp::LinkEvent> server_events;
  std::vector<ppp::LinkEvent> client_events;
  // Sees every frame as it is sent (before loss), e.g. to record a capture.
  std::function<void(bool from_server, const std::vector<std::uint8_t>& frame)> tap;

  void carry(const std::vector<std::uint8_t>& frame, ppp::Link& to) {
    if (network.chance(loss)) return;
    to.on_frame(now, frame);
    if (network.chance(duplication)) to.on_frame(now, frame);
  }

  // Moves frames both ways until neither side has anything to send.
  void pump() {
    for (bool moved = true; moved;) {
      moved = false;
      while (auto frame = server.poll_frame()) {
        moved = true;
        if (tap) tap(true, *frame);
        carry(*frame, client);
      }
      while (auto frame = client.poll_frame()) {
        moved = true;
        if (tap) tap(false, *frame);
        carry(*frame, server);
      }
    }
    while (auto e = server.poll_event()) server_events.push_back(*e);
    while (auto e = client.poll_event()) client_events.push_back(*e);
  }

  template <class E>
  static std::optional<E> find(const std::vector<ppp::LinkEvent>& events) {
    for (const auto& e : events) {
      if (const auto* found = std::get_if<E>(&e)) return *found;
    }
    return std::nullopt;
  }

  bool up(const std::vector<ppp::LinkEvent>& events) const { return find<ppp::UpEvent>(events).has_value(); }
  bool down(const std::vector<ppp::LinkEvent>& events) const {
    return find<ppp::DownEvent>(events).has_value();
  }
  bool settled() const {
    return (up(server_events) || down(server_events)) && (up(client_events) || down(client_events));
  }

  // Starts both and runs timers until both are up or down, or `limit`.
  void run(Timestamp limit = std::chrono::minutes(5)) {
    server.start(now);
    client.start(now);
    advance(limit, [&] { return settled(); });
  }

  template <class Done>
  void advance(Timestamp limit, Done done) {
    pump();
    while (!done() && now < limit) {
      auto deadline = ppp::earliest(server.next_deadline(), client.next_deadline());
      if (!deadline) break;
      now = std::max(now, *deadline);
      server.on_timeout(now);
      client.on_timeout(now);
      pump();
    }
  }
};

// The two ends' settings most link tests start from: our defaults as the
// authenticator, and a peer that logs in as alice.
inline ppp::LinkConfig authenticator_config() {
  ppp::LinkConfig c;
  c.role = ppp::Role::kAuthenticator;
  return c;
}

inline ppp::LinkConfig peer_config() {
  ppp::LinkConfig c;
  c.role = ppp::Role::kPeer;
  c.user = "alice";
  c.password = "wonderland";
  return c;
}

}  // namespace pptpkit::test
