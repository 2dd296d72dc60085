#include "tools/probe.h"

#include <fmt/format.h>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "net/clock.h"
#include "net/control_runtime.h"
#include "net/endpoint_text.h"
#include "net/system_random.h"

namespace pptpkit::tools {

namespace {

class Prober final : public net::ControlHandler {
 public:
  Prober(asio::io_context& io, const ProbeOptions& options, ProbeReport& report)
      : io_(io), options_(options), report_(report) {}

  bool connected() const { return connected_; }

  void on_connected(net::ControlSession& session, Timestamp now) override {
    connected_ = true;
    (void)session.connection().start(now);  // a fresh connection is idle
  }

  void on_connect_failed(const asio::ip::tcp::endpoint&, const std::error_code& error) override {
    fail(ProbeFailure::kUnreachable, fmt::format("cannot connect: {}", error.message()));
    io_.stop();
  }

  void on_event(net::ControlSession& session, const pptp::Event& event, Timestamp now) override {
    auto& connection = session.connection();
    if (const auto* line = std::get_if<pptp::LogLine>(&event)) {
      if (line->level >= pptp::LogLevel::kWarning) last_warning_ = strip_prefix(line->message, session);
    } else if (const auto* up = std::get_if<pptp::TunnelUp>(&event)) {
      report_.peer = up->peer;
      if (!options_.call || !connection.place_call(now, pptp::CallRequest{})) {
        if (options_.call) fail(ProbeFailure::kCallFailed, "no Call ID to place a call with");
        (void)connection.stop(now, wire::StopReason::kNone);
      }
    } else if (const auto* connected = std::get_if<pptp::CallConnected>(&event)) {
      report_.call = ProbeCall{.connected = true,
                               .result_code = static_cast<std::uint8_t>(wire::OutgoingCallResult::kConnected),
                               .call_id = connected->call_id,
                               .peer_call_id = connected->peer_call_id,
                               .peer_receive_window = connected->peer_receive_window,
                               .peer_processing_delay = connected->peer_processing_delay,
                               .connect_speed = connected->connect_speed};
      // Clears the call (Call-Clear-Request), then Stop-Control-Connection.
      (void)connection.stop(now, wire::StopReason::kNone);
    } else if (const auto* cleared = std::get_if<pptp::CallCleared>(&event)) {
      if (!report_.call) {
        report_.call = ProbeCall{.result_code = cleared->result_code,
                                 .call_id = cleared->call_id,
                                 .cause = std::string(to_string(cleared->cause))};
        fail(ProbeFailure::kCallFailed, fmt::format("the call did not connect: {} (result {})",
                                                    to_string(cleared->cause), cleared->result_code));
        (void)connection.stop(now, wire::StopReason::kNone);
      }
    } else if (const auto* down = std::get_if<pptp::TunnelDown>(&event)) {
      on_tunnel_down(down->reason);
    }
  }

  void on_closed(const net::ControlSession&) override { io_.stop(); }

 private:
  void on_tunnel_down(pptp::TunnelDownReason reason) {
    if (!report_.peer) {
      auto [failure, diagnosis] = diagnose_start(reason, last_warning_, options_.timeout);
      fail(failure, std::move(diagnosis));
    } else if (reason != pptp::TunnelDownReason::kLocalStop) {
      fail(ProbeFailure::kTunnelFailed, fmt::format("the tunnel ended: {}", to_string(reason)));
    }
  }

  // Core log lines start "pptp PNS <peer>: "; the diagnosis names the
  // server once already.
  static std::string strip_prefix(const std::string& message, const net::ControlSession& session) {
    const std::string prefix = fmt::format("pptp PNS {}: ", session.peer_name());
    return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
  }

  void fail(ProbeFailure failure, std::string diagnosis) {
    if (report_.failure != ProbeFailure::kNone) return;  // the first cause is the one to tell
    report_.failure = failure;
    report_.diagnosis = std::move(diagnosis);
  }

  asio::io_context& io_;
  const ProbeOptions& options_;
  ProbeReport& report_;
  std::string last_warning_;
  bool connected_ = false;
};

}  // namespace

ProbeReport run_probe(const ProbeOptions& options) {
  net::configure_logging(options.log);
  ProbeReport report{.server = net::to_string(options.server)};
  asio::io_context io;
  net::SystemRandom random;
  pptp::CallIdAllocator allocator(random);
  Prober prober(io, options, report);
  net::RuntimeSettings settings;
  settings.connection.role = pptp::Role::kPns;
  settings.connection.timers.start_timeout = options.timeout;
  settings.connection.timers.call_reply_timeout = options.timeout;
  settings.connect_timeout = options.timeout;
  net::ControlRuntime runtime(io, allocator, prober, settings);
  runtime.connect(options.server);

  // The core's own timers diagnose a silent server once TCP is up; this
  // catches a TCP handshake that never completes (and bounds the rest).
  asio::steady_timer deadline(io, net::to_time_point(net::now() + options.timeout + std::chrono::seconds(1)));
  deadline.async_wait([&](const std::error_code& error) {
    if (error) return;
    if (report.failure == ProbeFailure::kNone) {
      report.failure = prober.connected() ? ProbeFailure::kNoAnswer : ProbeFailure::kUnreachable;
      report.diagnosis = prober.connected()
                             ? "the server did not finish the exchange in time"
                             : fmt::format("no TCP connection within {} s",
                                           std::chrono::duration<double>(options.timeout).count());
    }
    io.stop();
  });
  io.run();
  return report;
}

}  // namespace pptpkit::tools
