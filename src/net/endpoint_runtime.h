// Binds one sans-I/O endpoint (endpoint::Server or endpoint::Client) to the
// OS on one Asio io_context: its TCP connections (raw bytes both ways under
// ConnectionIds), the raw IPv4 GRE socket, the TUN device, netlink for the
// routes and the TUN address it asks for, and the one deadline timer. After
// every input it drains the endpoint's queues and re-arms the timer.
// SIGINT/SIGTERM start the endpoint's orderly shutdown (bounded by its
// shutdown_timeout); a second signal stops at once. Accepted connections
// pass the same admission limits as the control-plane-only server's
// (total and per source). SessionUp and SessionDown start the ip-up and
// ip-down hooks, and the runtime waits for them before it exits. SIGHUP
// calls the reload handler, if there is one, and otherwise stops like
// SIGTERM (the VPN client: a closed terminal hangs up, as with pppd). docs/endpoint.md,
// docs/operations.md.
#pragma once

#include <array>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/signal_set.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "endpoint/events.h"
#include "net/admission.h"
#include "net/deadline_timer.h"
#include "net/gre_io.h"
#include "net/hook_runner.h"
#include "net/netlink.h"
#include "net/raw_gre_socket.h"
#include "net/tcp_listener.h"
#include "net/tun_device.h"
#include "net/tun_io.h"

namespace pptpkit::net {

// The OS resources an endpoint's data path runs on; they outlive the runtime.
struct EndpointIo {
  RawGreSocket& gre;  // IPv4
  TunDevice& tun;
  Netlink& netlink;
  HookRunner* hooks = nullptr;  // none: no hooks
};

// Instantiated for endpoint::Server and endpoint::Client.
template <class Endpoint>
class EndpointRuntime final : GreIoHandler, TunIoHandler {
 public:
  // `endpoint` and `os` must outlive the runtime; `admission` limits the
  // connections listen() accepts.
  EndpointRuntime(asio::io_context& io, Endpoint& endpoint, EndpointIo os, AdmissionLimits admission = {});
  EndpointRuntime(const EndpointRuntime&) = delete;
  EndpointRuntime& operator=(const EndpointRuntime&) = delete;
  ~EndpointRuntime();

  // Server: accepts control connections on `address`.
  Status<std::string> listen(const asio::ip::tcp::endpoint& address);
  // Server: a connection was accepted; client: its one connection to the
  // server is up (the endpoint starts the control connection on it).
  void add_connection(asio::ip::tcp::socket socket);

  // SIGHUP calls `reload` (which may reconfigure the endpoint) from now on,
  // instead of stopping.
  void on_reload(std::function<void()> reload);
  // Limits for connections accepted from now on (a reload).
  void set_admission_limits(AdmissionLimits limits) { admission_.set_limits(limits); }

  // Runs until the endpoint has finished, then logs its data path counters
  // ("data path stopped ..."); true when a signal asked for it.
  bool run();

  // Called with every event after the runtime has acted on it (the client
  // adds its routes once the TUN device is configured). May call hang_up().
  using EventObserver = std::function<void(const endpoint::Event&)>;
  void observe(EventObserver observer) { observer_ = std::move(observer); }
  // The orderly shutdown a signal starts, for the program's own reasons:
  // run() then reports that no signal asked for it.
  void hang_up();

 private:
  struct Connection {
    explicit Connection(asio::ip::tcp::socket s) : socket(std::move(s)) {}
    asio::ip::tcp::socket socket;
    std::array<std::uint8_t, 4096> read_buffer{};
    std::deque<std::vector<std::uint8_t>> writes;
    bool close_after_writes = false;
    std::optional<asio::ip::address> admitted;  // counted in admission_ from this source
  };
  using Connections = std::unordered_map<endpoint::ConnectionId, std::unique_ptr<Connection>>;

  void on_datagram(Timestamp now, Bytes datagram) override;
  void on_gre(Timestamp now, gre::IpAddress source, Bytes gre_packet) override;
  void on_tun_packet(Timestamp now, MutableBytes buffer, std::size_t packet_offset) override;

  // A connection a listener accepted: admitted, or closed at once.
  void accept(asio::ip::tcp::socket socket);
  // Registers the socket; `admitted` is released when it goes.
  void add(asio::ip::tcp::socket socket, std::optional<asio::ip::address> admitted);
  void erase(typename Connections::iterator it);
  void read_next(endpoint::ConnectionId id);
  void write_next(endpoint::ConnectionId id);
  void tcp_out(endpoint::TcpOut out);
  // The connection failed or the peer closed it: the endpoint is told.
  void lost(endpoint::ConnectionId id);
  void wait_signal();
  void wait_reload_signal();
  // Drains every output queue, acts on the events, re-arms the timer.
  void service();
  // Once the endpoint has finished and its last TCP octets are written.
  void stop_when_flushed();
  void handle(const endpoint::Event& event);

  asio::io_context& io_;
  Endpoint& endpoint_;
  EndpointIo os_;
  GreIo gre_io_;
  TunIo tun_io_;
  DeadlineTimer timer_;
  asio::signal_set signals_;
  asio::signal_set reload_signals_;
  std::function<void()> reload_;
  std::vector<std::unique_ptr<TcpListener>> listeners_;
  Admission admission_;
  Connections connections_;
  endpoint::ConnectionId next_id_ = 1;
  bool stopping_ = false;
  EventObserver observer_;
};

}  // namespace pptpkit::net
