// Drives pptp::ControlConnection objects with a virtual clock: a scripted
// single side fed hand-built messages, and a PAC and a PNS back to back in
// memory.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "base/random.h"
#include "pptp/control_connection.h"
#include "wire/pptp_codec.h"
#include "wire/pptp_framer.h"

namespace pptpkit::pptp::testing {

using namespace std::chrono_literals;

inline constexpr std::uint32_t kPacAddress = 0xC0000201;  // 192.0.2.1
inline constexpr std::uint32_t kPnsAddress = 0xC6336402;  // 198.51.100.2

inline ConnectionConfig config_for(Role role) {
  ConnectionConfig config;
  config.role = role;
  config.local_address = role == Role::kPac ? kPacAddress : kPnsAddress;
  config.peer_address = role == Role::kPac ? kPnsAddress : kPacAddress;
  config.max_calls = 4;
  return config;
}

template <class T>
std::vector<T> events_of(const std::vector<Event>& events) {
  std::vector<T> out;
  for (const auto& e : events) {
    if (const auto* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

// One connection with its allocator and everything it reported.
struct Side {
  Side(ConnectionConfig config, Origin origin, Timestamp now, CallIdAllocatorConfig allocator_config = {},
       const CollisionCheck* collision = nullptr)
      : allocator(random, allocator_config), conn(std::move(config), origin, allocator, collision, now) {}

  void drain_events() {
    while (auto e = conn.poll_event()) events.push_back(std::move(*e));
  }
  template <class T>
  std::vector<T> all() {
    drain_events();
    return events_of<T>(events);
  }
  template <class T>
  std::optional<T> last() {
    auto v = all<T>();
    if (v.empty()) return std::nullopt;
    return v.back();
  }

  SeededRandom random{42};
  CallIdAllocator allocator;
  ControlConnection conn;
  std::vector<Event> events;
};

// One connection fed hand-built messages; what it sends is decoded back.
class Scripted {
 public:
  explicit Scripted(Role role, Origin origin = Origin::kResponder, ConnectionConfig config = {},
                    CallIdAllocatorConfig allocator_config = {}, const CollisionCheck* collision = nullptr) {
    if (config.local_address == 0) config = config_for(role);
    side_ = std::make_unique<Side>(std::move(config), origin, now, allocator_config, collision);
  }

  ControlConnection& conn() { return side_->conn; }
  Side& side() { return *side_; }

  void feed(const wire::PptpMessage& message, std::size_t chunk = 0) { feed_bytes(encode(message), chunk); }
  void feed_bytes(const std::vector<std::uint8_t>& bytes, std::size_t chunk = 0) {
    if (chunk == 0) chunk = bytes.size();
    for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
      conn().on_tcp_bytes(now, Bytes(bytes).subspan(pos, std::min(chunk, bytes.size() - pos)));
    }
  }
  static std::vector<std::uint8_t> encode(const wire::PptpMessage& message) {
    std::vector<std::uint8_t> bytes(wire::kPptpMaxMessageSize);
    auto n = wire::encode_pptp_message(message, bytes);
    EXPECT_TRUE(n.has_value());
    bytes.resize(n ? *n : 0);
    return bytes;
  }

  // Every message sent since the last call, decoded (views stay valid for
  // the Scripted's lifetime).
  std::vector<wire::PptpMessage> sent() {
    storage_.push_back(conn().poll_tcp_out());
    Bytes rest(storage_.back());
    std::vector<wire::PptpMessage> out;
    while (!rest.empty()) {
      auto frame = wire::frame_pptp_stream(rest);
      EXPECT_TRUE(frame && frame->complete);
      if (!frame || !frame->complete) break;
      auto message = wire::decode_pptp_message(rest.first(frame->size));
      EXPECT_TRUE(message.has_value());
      if (message) out.push_back(*message);
      rest = rest.subspan(frame->size);
    }
    return out;
  }
  // The one message sent since the last call, of type T.
  template <class T>
  T sent_one() {
    auto messages = sent();
    EXPECT_EQ(messages.size(), 1u);
    if (messages.size() != 1 || !std::holds_alternative<T>(messages[0])) {
      ADD_FAILURE() << "expected one " << wire::message_name(T::kType);
      return T{};
    }
    return std::get<T>(messages[0]);
  }

  // The messages of type T sent since the last call, ignoring others (such
  // as keep-alive Echo-Requests due at the same time).
  template <class T>
  std::vector<T> sent_of() {
    std::vector<T> out;
    for (const auto& m : sent()) {
      if (const auto* t = std::get_if<T>(&m)) out.push_back(*t);
    }
    return out;
  }

  void advance(Duration d) {
    now += d;
    conn().on_timeout(now);
  }

  // Brings a responder to kEstablished with the peer's request.
  void establish_as_responder() {
    feed(wire::StartControlConnectionRequest{.maximum_channels = 0, .host_name = "peer"});
    (void)sent();
    ASSERT_EQ(conn().state(), ConnectionState::kEstablished);
  }

  template <class T>
  std::vector<T> all() {
    return side_->all<T>();
  }
  template <class T>
  std::optional<T> last() {
    return side_->last<T>();
  }

  Timestamp now{1s};

 private:
  std::unique_ptr<Side> side_;
  std::deque<std::vector<std::uint8_t>> storage_;
};

// A PAC and a PNS over an in-memory TCP connection, the PNS originating.
class BackToBack {
 public:
  explicit BackToBack(std::size_t chunk = 0, Origin pns_origin = Origin::kOriginator)
      : pac(config_for(Role::kPac),
            pns_origin == Origin::kOriginator ? Origin::kResponder : Origin::kOriginator, now),
        pns(config_for(Role::kPns), pns_origin, now),
        chunk_(chunk) {}

  // Moves bytes both ways until both are quiet.
  void pump() {
    for (int rounds = 0; rounds < 100; ++rounds) {
      const bool a = carry(pns, pac);
      const bool b = carry(pac, pns);
      if (!a && !b) break;
    }
    pac.drain_events();
    pns.drain_events();
  }

  // Advances the virtual clock to `now + d`, firing every deadline on the way.
  void advance(Duration d) {
    const Timestamp target = now + d;
    while (true) {
      std::optional<Timestamp> next;
      for (Side* s : {&pac, &pns}) {
        auto dl = s->conn.next_deadline();
        if (dl && (!next || *dl < *next)) next = dl;
      }
      if (!next || *next > target) break;
      now = std::max(now, *next);
      pac.conn.on_timeout(now);
      pns.conn.on_timeout(now);
      pump();
    }
    now = target;
  }

  void open() {
    Side& originator = pac.conn.state() == ConnectionState::kIdle ? pac : pns;
    ASSERT_TRUE(originator.conn.start(now));
    pump();
    ASSERT_EQ(pac.conn.state(), ConnectionState::kEstablished);
    ASSERT_EQ(pns.conn.state(), ConnectionState::kEstablished);
  }

  Timestamp now{1s};
  Side pac;
  Side pns;

 private:
  bool carry(Side& from, Side& to) {
    auto bytes = from.conn.poll_tcp_out();
    if (bytes.empty()) return false;
    const std::size_t chunk = chunk_ == 0 ? bytes.size() : chunk_;
    for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
      to.conn.on_tcp_bytes(now, Bytes(bytes).subspan(pos, std::min(chunk, bytes.size() - pos)));
    }
    return true;
  }

  std::size_t chunk_;
};

}  // namespace pptpkit::pptp::testing
