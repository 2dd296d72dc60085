// LCP Echo keep-alive (RFC 1661 5.8): an Echo-Request every interval while
// LCP is open; after `max_failures` consecutive unanswered ones the peer is
// taken as gone (pppd's lcp-echo-interval and lcp-echo-failure).
#pragma once

#include <chrono>
#include <optional>

#include "base/time.h"

namespace pptpkit::ppp {

struct KeepaliveConfig {
  Timestamp interval = std::chrono::seconds(30);  // zero disables keep-alives
  int max_failures = 4;
};

class Keepalive {
 public:
  explicit Keepalive(KeepaliveConfig config) : config_(config) {}

  enum class Action : std::uint8_t { kNone, kSendEcho, kGiveUp };

  void start(Timestamp now);
  void stop() { deadline_.reset(); }
  // Any Echo-Reply shows the peer is alive.
  void on_reply() { unanswered_ = 0; }
  Action on_timeout(Timestamp now);
  std::optional<Timestamp> next_deadline() const { return deadline_; }

 private:
  KeepaliveConfig config_;
  int unanswered_ = 0;
  std::optional<Timestamp> deadline_;
};

}  // namespace pptpkit::ppp
