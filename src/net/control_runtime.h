// Control connections on the event loop: TCP listeners and outgoing
// connections, each feeding its pptp::ControlConnection, one DeadlineTimer
// for all of them, the admission limits and an orderly, bounded shutdown.
// No protocol decisions: what to answer is the ControlHandler's (the
// server's, the client's, the probe's); this owns sockets and time.
//
//   ControlRuntime runtime(io, allocator, handler, settings);
//   runtime.listen(endpoint);     // server
//   runtime.connect(endpoint);    // client: handler.on_connected -> start()
//   io.run();                     // until runtime.stop(...) has drained
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "net/admission.h"
#include "net/control_session.h"
#include "net/deadline_timer.h"
#include "net/tcp_listener.h"
#include "pptp/call_id_allocator.h"
#include "pptp/collision.h"
#include "pptp/config.h"
#include "pptp/events.h"

namespace pptpkit::net {

// What the program decides. Every event has been logged (net/event_log.h)
// before it gets here; commands issued on session.connection() from these
// callbacks are sent when they return.
class ControlHandler {
 public:
  virtual ~ControlHandler() = default;
  // An outgoing TCP connection is up (the originator's cue to start()).
  virtual void on_connected(ControlSession& session, Timestamp now) = 0;
  virtual void on_connect_failed(const asio::ip::tcp::endpoint& server, const std::error_code& error) = 0;
  virtual void on_event(ControlSession& session, const pptp::Event& event, Timestamp now) = 0;
  // The socket is closed and the session is about to be destroyed.
  virtual void on_closed(const ControlSession& session) = 0;
};

struct RuntimeSettings {
  // Template for every connection; addresses and the peer's name are filled
  // in per TCP connection. timers.start_timeout is the idle timeout before
  // Start-Control-Connection-Request.
  pptp::ConnectionConfig connection{};
  AdmissionLimits admission{};
  // Unsent octets a connection may queue before it is dropped: a peer that
  // does not read must not grow our memory.
  std::size_t max_buffered = 64 * 1024;
  // After our last message and FIN, how long we wait for the peer's FIN.
  Duration linger = std::chrono::seconds(2);
  // connect(): how long the TCP handshake may take (the kernel alone would
  // retry an unanswered SYN for about two minutes).
  Duration connect_timeout = std::chrono::seconds(10);
  // stop(): how long connections get to finish their orderly close.
  Duration stop_bound = std::chrono::seconds(12);
};

struct RuntimeStats {
  std::uint64_t accepted = 0;
  std::uint64_t buffer_overflows = 0;  // dropped for max_buffered
  std::uint64_t idle_timeouts = 0;     // no Start-Control-Connection-Request in time
};

class ControlRuntime final : public pptp::CollisionCheck {
 public:
  ControlRuntime(asio::io_context& io, pptp::CallIdAllocator& allocator, ControlHandler& handler,
                 RuntimeSettings settings);
  ~ControlRuntime() override;
  ControlRuntime(const ControlRuntime&) = delete;
  ControlRuntime& operator=(const ControlRuntime&) = delete;

  // Accepts control connections on `endpoint` (as responder); the error says
  // why the socket could not listen. Returns the bound endpoint.
  Result<asio::ip::tcp::endpoint, std::string> listen(const asio::ip::tcp::endpoint& endpoint);
  // Opens a control connection to `server` (as originator).
  void connect(const asio::ip::tcp::endpoint& server);

  // Orderly shutdown: stops listening, stops every connection (calls cleared
  // first, then Stop-Control-Connection-Request) and calls `on_stopped` once
  // all are closed, or after settings.stop_bound with the rest aborted.
  void stop(Timestamp now, std::function<void()> on_stopped);

  std::size_t size() const { return sessions_.size() + connecting_.size(); }
  bool stopping() const { return on_stopped_ != nullptr; }
  const RuntimeStats& stats() const { return stats_; }
  const Admission& admission() const { return admission_; }

  // pptp::CollisionCheck: our own request to this IPv4 peer awaits its reply.
  bool start_request_pending(std::uint32_t peer_address) const override;

 private:
  void on_accept(asio::ip::tcp::socket socket);
  ControlSession& add(asio::ip::tcp::socket socket, const asio::ip::tcp::endpoint& peer, pptp::Origin origin,
                      Timestamp now);
  ControlSession* find(std::uint64_t id);
  void read(ControlSession& session);
  void write(ControlSession& session);
  // Routes events and output after every input, command and timeout.
  void service(ControlSession& session, Timestamp now);
  void drain_events(ControlSession& session, Timestamp now);
  // The loser of a start collision drops its own pending connection.
  void abort_pending_start(const asio::ip::address& peer, Timestamp now);
  void close_now(ControlSession& session);
  void erase(std::uint64_t id);
  void on_timer(Timestamp now);
  void rearm();
  void finish_stop_if_drained();

  asio::io_context& io_;
  pptp::CallIdAllocator& allocator_;
  ControlHandler& handler_;
  RuntimeSettings settings_;
  Admission admission_;
  RuntimeStats stats_;
  DeadlineTimer timer_;
  std::vector<std::unique_ptr<TcpListener>> listeners_;
  std::map<std::uint64_t, std::unique_ptr<ControlSession>> sessions_;
  // Outgoing connections still in the TCP handshake, by the id they will get.
  std::map<std::uint64_t, std::unique_ptr<asio::ip::tcp::socket>> connecting_;
  std::uint64_t next_id_ = 1;
  std::function<void()> on_stopped_;
  std::optional<Timestamp> stop_deadline_;
};

}  // namespace pptpkit::net
