// A whole PPTP server (the PAC of RFC 2637) without I/O: every control
// connection, each call's data channel and PPP link (authenticator), the IP
// pool and the TUN routing table, wired together. The runtime owns the
// sockets, the TUN device and the clock, and drives it ngtcp2-style:
//
//   server.on_tcp_accepted(now, conn, peer, local);  on_tcp_bytes / on_tcp_closed
//   server.on_gre_datagram(now, datagram);    // raw IPPROTO_GRE socket, IPv4 header included
//   server.on_tun_packet(now, packet);        // an IP packet read from TUN
//   server.on_timeout(now);                   // when next_deadline() has passed
//   then drain poll_tcp_out(), poll_gre_out(), poll_tun_out(), poll_event(),
//   and arm one timer at next_deadline().
//
// Calls get server-wide Call IDs (DESIGN.md) from one CallIdAllocator; GRE
// is matched by our Call ID and the control connection's peer address, and
// leaves from the local address that connection reached (poll_gre_out).
// Timers of all automata sit in DeadlineQueues, so an event costs O(log n)
// however many sessions run. docs/endpoint.md describes the life of a session.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "base/bytes.h"
#include "base/random.h"
#include "base/time.h"
#include "endpoint/config.h"
#include "endpoint/deadline_queue.h"
#include "endpoint/events.h"
#include "endpoint/ip_pool.h"
#include "endpoint/packet_queue.h"
#include "endpoint/route_table.h"
#include "endpoint/session_limits.h"
#include "gre/demux.h"
#include "ppp/secrets.h"
#include "pptp/call_id_allocator.h"

namespace pptpkit::endpoint {

class Server final : gre::ChannelSink {
 public:
  // `random` and `secrets` must outlive the server.
  Server(ServerConfig config, RandomSource& random, const ppp::SecretsSource& secrets);
  // `random` must outlive the server; sessions share `secrets`.
  Server(ServerConfig config, RandomSource& random, std::shared_ptr<const ppp::SecretsSource> secrets);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // --- Control connections (TCP port 1723, RFC 2637 section 3.1) ---
  // A connection from `peer_address` to our `local_address` (host order)
  // was accepted: the calls it carries send their GRE from that address, the
  // one the peer expects it from on a multi-homed host (RFC 2637 section 4).
  // During shutdown it is closed at once.
  void on_tcp_accepted(Timestamp now, ConnectionId connection, std::uint32_t peer_address,
                       std::uint32_t local_address);
  void on_tcp_bytes(Timestamp now, ConnectionId connection, Bytes bytes);
  // The peer closed the connection or it failed: its calls end (disorderly).
  void on_tcp_closed(Timestamp now, ConnectionId connection);

  // --- Data ---
  // A datagram from the raw GRE socket, IPv4 header included (gre::Demux).
  void on_gre_datagram(Timestamp now, Bytes datagram);
  // An IP packet from TUN, routed by destination to the session owning it.
  void on_tun_packet(Timestamp now, Bytes packet);

  void on_timeout(Timestamp now);
  // Orderly teardown of everything: LCP Terminate on every link, then
  // Call-Disconnect-Notify, then Stop-Control-Connection-Request; whatever
  // is not done after shutdown_timeout is aborted. New connections are
  // refused meanwhile. finished() says when it is over.
  void shutdown(Timestamp now);
  // New settings and secrets (a reload): control connections and sessions
  // set up from now on use them; running ones keep what they started with.
  // The pool's addresses and local_address stay as they were (addresses in
  // use come from that pool), its name servers change; limits apply to the
  // next admission.
  void reconfigure(ServerConfig config, std::shared_ptr<const ppp::SecretsSource> secrets);

  // --- Outputs ---
  std::optional<TcpOut> poll_tcp_out();
  // A GRE packet for the raw socket, its destination and its source (the
  // local address of its call's control connection); valid until the next
  // poll_gre_out().
  std::optional<QueuedPacket> poll_gre_out();
  // An IP packet for TUN; valid until the next poll_tun_out().
  std::optional<Bytes> poll_tun_out();
  std::optional<Event> poll_event();
  std::optional<Timestamp> next_deadline() const;

  bool finished() const { return shutting_down_ && tunnels_.empty() && sessions_.empty(); }
  std::size_t tunnel_count() const { return tunnels_.size(); }
  std::size_t session_count() const { return sessions_.size(); }
  const IpPool& pool() const { return pool_; }
  const RouteTable& routes() const { return routes_; }
  const DataPathStats& stats() const { return stats_; }
  const gre::DropCounters& gre_drops() const { return demux_.drops(); }

 private:
  struct Tunnel;
  struct ServerSession;

  // gre::ChannelSink: payloads the demux delivered, to their session's link.
  void on_payload(gre::Channel& channel, Bytes payload) override;

  // Moves a tunnel's output and events along; erases it once finished.
  void service_tunnel(Timestamp now, ConnectionId connection);
  void on_call_requested(Timestamp now, Tunnel& tunnel, const pptp::CallRequested& request);
  void on_call_connected(Timestamp now, Tunnel& tunnel, const pptp::CallConnected& connected);
  // Moves a session's output and events along; a link that went down clears
  // its call, which ends the session.
  void service_session(Timestamp now, std::uint16_t call_id);
  void on_link_up(Timestamp now, ServerSession& s);
  void end_session(Timestamp now, std::uint16_t call_id, std::string_view reason);
  void stop_if_idle(Timestamp now, Tunnel& tunnel);
  void abort_all(Timestamp now);
  void log(LogLevel level, std::string message);
  // The roles and addresses the server imposes on any configuration.
  void force_roles();

  ServerConfig config_;
  RandomSource& random_;
  std::shared_ptr<const ppp::SecretsSource> secrets_;
  pptp::CallIdAllocator call_ids_;
  IpPool pool_;
  SessionCounter counter_;
  std::uint32_t run_;  // session ids: session_log.h
  std::uint64_t sessions_started_ = 0;
  gre::Demux demux_;
  RouteTable routes_;

  std::unordered_map<ConnectionId, std::unique_ptr<Tunnel>> tunnels_;
  std::unordered_map<std::uint16_t, std::unique_ptr<ServerSession>> sessions_;
  DeadlineQueue tunnel_deadlines_;       // keyed by ConnectionId
  DeadlineQueue session_deadlines_;      // keyed by our Call ID
  std::vector<DeadlineQueue::Key> due_;  // scratch for on_timeout, reused

  bool shutting_down_ = false;
  Timestamp shutdown_deadline_{};
  Timestamp now_{};  // of the datagram being demultiplexed, for on_payload

  std::deque<TcpOut> tcp_out_;
  PacketQueue gre_out_;
  PacketQueue tun_out_;
  std::deque<Event> events_;
  DataPathStats stats_;
};

}  // namespace pptpkit::endpoint
