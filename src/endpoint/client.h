// A whole PPTP client (the PNS of RFC 2637) without I/O: one control
// connection, one outgoing call, its data channel and PPP link (peer role).
// Driven like the server (server.h): the runtime connects TCP to the server
// and calls start(); then feeds TCP bytes, GRE datagrams, TUN packets and
// timeouts, and drains poll_tcp_out(), poll_gre_out(), poll_tun_out() and
// poll_event() (ConfigureTun asks it to set up the TUN device).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/random.h"
#include "base/time.h"
#include "endpoint/config.h"
#include "endpoint/events.h"
#include "endpoint/packet_queue.h"
#include "endpoint/session.h"
#include "gre/drop_counters.h"
#include "pptp/call_id_allocator.h"
#include "pptp/control_connection.h"

namespace pptpkit::endpoint {

class Client {
 public:
  // `call_ids` may be shared by every client of a process that reads GRE on
  // one address (a load generator), so their Call IDs differ; `random` and
  // `call_ids` must outlive the client.
  Client(ClientConfig config, RandomSource& random, pptp::CallIdAllocator& call_ids);
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // TCP to the server is connected as `connection`: sends
  // Start-Control-Connection-Request, then the call follows by itself.
  void start(Timestamp now, ConnectionId connection);
  void on_tcp_bytes(Timestamp now, ConnectionId connection, Bytes bytes);
  void on_tcp_closed(Timestamp now, ConnectionId connection);
  // A datagram from the raw GRE socket, IPv4 header included.
  void on_gre_datagram(Timestamp now, Bytes datagram);
  // An IP packet read from the client's TUN device.
  void on_tun_packet(Timestamp now, Bytes packet);
  void on_timeout(Timestamp now);
  // Orderly hang-up: LCP Terminate, Call-Clear-Request, then
  // Stop-Control-Connection-Request; aborted after shutdown_timeout.
  void shutdown(Timestamp now);

  std::optional<TcpOut> poll_tcp_out();
  std::optional<QueuedPacket> poll_gre_out() { return gre_out_.pop(); }
  std::optional<Bytes> poll_tun_out();
  std::optional<Event> poll_event();
  std::optional<Timestamp> next_deadline() const;

  // The control connection is over (or shutdown() came before start()).
  bool finished() const { return finished_; }
  bool up() const { return up_; }
  const DataPathStats& stats() const { return stats_; }
  const gre::DropCounters& gre_drops() const { return drops_; }

 private:
  void service_control(Timestamp now);
  void on_call_connected(Timestamp now, const pptp::CallConnected& connected);
  void service_session(Timestamp now);
  void end_session(Timestamp now, std::string_view reason);
  void log(LogLevel level, std::string message);

  ClientConfig config_;
  RandomSource& random_;
  pptp::CallIdAllocator& call_ids_;
  ConnectionId connection_ = 0;
  std::unique_ptr<pptp::ControlConnection> control_;
  std::unique_ptr<Session> session_;
  std::uint32_t run_;  // session ids: session_log.h
  std::uint64_t sessions_started_ = 0;
  std::string session_id_;
  Timestamp session_started_{};  // the call connected
  Timestamp session_up_at_{};
  std::optional<ppp::Ipv4Assignment> session_addresses_;  // when it came up
  bool refused_ = false;                                  // the link closed for a refusal (session_log.h)
  bool tcp_closed_ = false;
  bool up_ = false;
  bool finished_ = false;
  bool shutting_down_ = false;
  Timestamp shutdown_deadline_{};

  std::deque<TcpOut> tcp_out_;
  PacketQueue gre_out_;
  PacketQueue tun_out_;
  std::deque<Event> events_;
  DataPathStats stats_;
  gre::DropCounters drops_;
};

}  // namespace pptpkit::endpoint
