// What an endpoint reports through poll_event(): sessions coming and going,
// authentication failures, network-configuration requests for the runtime
// (routes, the client's TUN address) and log lines. The sans-I/O endpoint
// has no logger and touches no interface; the runtime acts on these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/time.h"
#include "endpoint/log_fields.h"
#include "ppp/auth.h"
#include "ppp/ipcp.h"
#include "ppp/mppe.h"
#include "pptp/events.h"

namespace pptpkit::endpoint {

// The runtime's handle for one TCP connection; the endpoint never looks
// inside it.
using ConnectionId = std::uint64_t;

using LogLevel = pptp::LogLevel;

// Free text in `message`, or a structured line: the event's name in
// `message` and its details in `fields` (session_log.h).
struct LogLine {
  LogLevel level = LogLevel::kInfo;
  std::string message;
  LogFields fields{};
};

// A session carries IP: authenticated, MPPE running (when required), IPCP up.
struct SessionUp {
  ConnectionId connection = 0;
  std::string session;     // unique per endpoint run (session_log.h), in log lines and hooks
  std::uint32_t peer = 0;  // the control connection's remote address, host order
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  std::string user;
  std::optional<ppp::AuthMethod> auth;
  std::optional<ppp::MppeConfig> mppe;
  ppp::Ipv4Assignment addresses;  // local is ours, peer the other end's
  std::uint16_t mtu = 0;          // from the peer's MRU less MPPE's overhead
};

// IP packets a session carried and their octets (as read from or written to
// TUN: without PPP, MPPE or GRE overhead); "in" came from the peer.
struct TrafficCounters {
  std::uint64_t packets_in = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t packets_out = 0;
  std::uint64_t bytes_out = 0;
};

// Every session ends with one, whether it came up or not; it carries what
// the ip-down hook and the session's last log line need.
struct SessionDown {
  ConnectionId connection = 0;
  std::string session;
  std::uint32_t peer = 0;
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  std::string user;     // empty before authentication (or the name a failed one gave)
  std::string reason;   // the first cause: PPP close reason, call clearing or tunnel end
  bool was_up = false;  // SessionUp was reported
  std::optional<ppp::Ipv4Assignment> addresses;  // once IPCP had them
  Duration duration{};  // since SessionUp, or since the call connected if it never came up
  TrafficCounters traffic;
};

struct AuthFailed {
  ConnectionId connection = 0;
  std::string session;
  std::uint32_t peer = 0;
  std::uint16_t call_id = 0;
  std::string user;
  std::optional<ppp::AuthMethod> method;
  ppp::AuthFailure failure = ppp::AuthFailure::kNone;
};

// Server: the session's address is reachable through the TUN device (a host
// route) from now on, or no longer. `mtu` is the session's (two_way_mtu()):
// the route carries it so the kernel fragments, or answers "fragmentation
// needed", for that session alone.
struct AddRoute {
  std::uint32_t address = 0;
  std::uint16_t call_id = 0;
  std::uint16_t mtu = 0;
};
struct RemoveRoute {
  std::uint32_t address = 0;
  std::uint16_t call_id = 0;
};

// Client: configure the TUN device (point-to-point local -> peer, MTU).
// `addresses` also holds the name servers the server supplied (RFC 1877),
// which nothing applies: they are there for an ip-up hook.
struct ConfigureTun {
  ppp::Ipv4Assignment addresses;
  std::uint16_t mtu = 0;
};

using Event = std::variant<SessionUp, SessionDown, AuthFailed, AddRoute, RemoveRoute, ConfigureTun, LogLine>;

// What poll_tcp_out() returns: octets to write on a connection, then close
// it when `close` is set (bytes may be empty then).
struct TcpOut {
  ConnectionId connection = 0;
  std::vector<std::uint8_t> bytes;
  bool close = false;
};

// Counters of the data path between TUN and the sessions.
struct DataPathStats {
  std::uint64_t tun_no_route = 0;          // server: no session owns the destination
  std::uint64_t tun_not_ipv4 = 0;          // server: not a well-formed IPv4 packet
  std::uint64_t send_refused = 0;          // the link refused the packet (not up yet, too big)
  std::uint64_t spoofed_source = 0;        // server: a session sent with another source address
  std::uint64_t unroutable_from_peer = 0;  // server: not IPv4 (only IPv4 is routed)
  std::uint64_t mss_clamped = 0;           // TCP SYNs whose MSS was lowered, both directions
};

}  // namespace pptpkit::endpoint
