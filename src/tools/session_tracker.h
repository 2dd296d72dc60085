// Attributes GRE packets to the PPTP calls the control connection set up,
// the way Linux's nf_conntrack_pptp does: an Outgoing-Call-Request/Reply
// (or Incoming-Call-Request/Reply) pair names both Call IDs and, with the
// two addresses, both GRE flows. Each GRE packet's Key carries the Call ID
// of its receiver (RFC 2637 4.1), so (source, destination, Call ID) picks
// the session and the direction. Pure: fed messages and packet headers.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "wire/pptp_messages.h"

namespace pptpkit::tools {

// Which way a GRE packet travels. The PNS is the side that places outgoing
// calls (the VPN client), the PAC the side that answers them (the server).
enum class Direction : std::uint8_t { kPnsToPac, kPacToPns };

struct SessionEndpoints {
  std::uint32_t pns_address = 0;
  std::uint32_t pac_address = 0;
  std::uint16_t pns_call_id = 0;
  std::uint16_t pac_call_id = 0;
};

struct GreAttribution {
  std::size_t session = 0;  // index into SessionTracker::sessions()
  Direction direction = Direction::kPnsToPac;
};

class SessionTracker {
 public:
  // Sessions and unanswered call requests kept; a hostile capture can
  // announce any number of calls, and each session holds state downstream.
  static constexpr std::size_t kDefaultMaxSessions = 1024;
  static constexpr std::size_t kDefaultMaxPendingCalls = 1024;

  explicit SessionTracker(std::size_t max_sessions = kDefaultMaxSessions,
                          std::size_t max_pending_calls = kDefaultMaxPendingCalls)
      : max_sessions_(max_sessions), max_pending_(max_pending_calls) {}

  // A control message sent from `source` to `destination` (host order).
  // Returns the index of the session a successful call reply established.
  std::optional<std::size_t> on_control(std::uint32_t source, std::uint32_t destination,
                                        const wire::PptpMessage& message);

  // The session and direction of a GRE packet carrying `call_id` in its Key,
  // if a call set up that flow. A later call reusing the same flow wins.
  std::optional<GreAttribution> attribute(std::uint32_t source, std::uint32_t destination,
                                          std::uint16_t call_id) const;

  const std::vector<SessionEndpoints>& sessions() const { return sessions_; }
  // Calls established after the session limit was reached (not tracked).
  std::uint64_t sessions_over_limit() const { return over_limit_; }

 private:
  // One side's request, waiting for the reply that names its Call ID.
  struct CallKey {
    std::uint32_t requester = 0;
    std::uint32_t responder = 0;
    std::uint16_t call_id = 0;
    auto operator<=>(const CallKey&) const = default;
  };
  // Who sent a request: outgoing calls come from the PNS, incoming ones
  // from the PAC.
  enum class Requester : std::uint8_t { kPns, kPac };

  void request(const CallKey& key, Requester requester);
  std::optional<std::size_t> reply(const CallKey& key, std::uint16_t responder_call_id, Requester requester);

  std::size_t max_sessions_;
  std::size_t max_pending_;
  std::map<CallKey, Requester> pending_;
  std::vector<SessionEndpoints> sessions_;
  // GRE flow (source, destination, receiver's Call ID) -> attribution.
  std::map<CallKey, GreAttribution> flows_;
  std::uint64_t over_limit_ = 0;
};

}  // namespace pptpkit::tools
