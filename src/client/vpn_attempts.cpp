#include "client/vpn_attempts.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <string>

#include "client/session_network.h"
#include "client/stop_signals.h"
#include "endpoint/client.h"
#include "net/clock.h"
#include "net/endpoint_runtime.h"
#include "net/endpoint_text.h"
#include "net/raw_gre_socket.h"
#include "net/timed_connect.h"

namespace pptpkit::client {

namespace {

struct Attempt {
  AttemptEnd end = AttemptEnd::kFailed;
  std::string reason = "the tunnel ended before the session came up";
  std::optional<Timestamp> up_at;
};

// Connects with SIGINT/SIGTERM/SIGHUP listened to: nullopt after a signal.
std::optional<std::error_code> connect(asio::io_context& io, asio::ip::tcp::socket& socket,
                                       const asio::ip::tcp::endpoint& server, Duration timeout) {
  std::error_code result;
  SignalStop stop(io);
  net::async_connect_within(socket, server, timeout, [&io, &result](const std::error_code& error) {
    result = error;
    io.stop();
  });
  const StopSignals::Delivered delivered;
  io.run();
  io.restart();
  if (stop.signalled()) return std::nullopt;
  return result;
}

Attempt run_attempt(VpnContext& context) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  const auto connected = connect(io, socket, context.server, context.connect_timeout);
  if (!connected) return {AttemptEnd::kSignal, "", {}};
  if (*connected) {
    return {AttemptEnd::kFailed,
            fmt::format("connect to {} failed: {}", net::to_string(context.server), connected->message()),
            {}};
  }
  const std::uint32_t local = socket.local_endpoint().address().to_v4().to_uint();
  auto gre_socket = net::RawGreSocket::open_ipv4({.local_address = gre::IpAddress::v4(local)});
  if (!gre_socket) {
    spdlog::error("{}", to_string(gre_socket.error()));
    return {AttemptEnd::kLocalError, "", {}};
  }

  endpoint::ClientConfig config = context.config;
  config.local_address = local;
  endpoint::Client client(std::move(config), context.random, context.call_ids);
  // The attempt's hooks run on its io_context; the runtime waits for the
  // ip-down hook before it stops.
  net::HookRunner hooks(io, context.hooks);
  net::EndpointRuntime<endpoint::Client> runtime(io, client,
                                                 {*gre_socket, context.tun, context.netlink, &hooks});
  SessionNetwork network(context.netlink, context.tun, context.plan, context.config.server_address);
  Attempt attempt;
  runtime.observe([&](const endpoint::Event& event) {
    if (const auto* tun = std::get_if<endpoint::ConfigureTun>(&event)) {
      network.tun_configured(tun->addresses);
    } else if (std::holds_alternative<endpoint::SessionUp>(event)) {
      attempt.up_at = net::now();
      if (auto routes = network.add_routes(); !routes) {
        spdlog::error("{}: hanging up", routes.error());
        attempt.end = AttemptEnd::kLocalError;
        runtime.hang_up();
      }
    } else if (const auto* down = std::get_if<endpoint::SessionDown>(&event)) {
      network.tear_down();
      if (attempt.end == AttemptEnd::kFailed) attempt.reason = down->reason;
    } else if (std::holds_alternative<endpoint::AuthFailed>(event)) {
      attempt.end = AttemptEnd::kAuthFailed;
      attempt.reason = "authentication failed";
    }
  });
  spdlog::info("connected to {} dev={}", net::to_string(context.server), context.tun.name());
  runtime.add_connection(std::move(socket));
  const StopSignals::Delivered delivered;
  if (runtime.run()) attempt.end = AttemptEnd::kSignal;
  if (attempt.end == AttemptEnd::kFailed && attempt.up_at) attempt.end = AttemptEnd::kLost;
  return attempt;
}

// Waits `wait` with SIGINT/SIGTERM/SIGHUP listened to: true after a signal.
bool wait_interrupted(Duration wait) {
  asio::io_context io;
  SignalStop stop(io);
  asio::steady_timer timer(io, wait);
  timer.async_wait([&io](const std::error_code&) { io.stop(); });
  const StopSignals::Delivered delivered;
  io.run();
  return stop.signalled();
}

void log_end(const Attempt& attempt) {
  switch (attempt.end) {
    case AttemptEnd::kSignal:
    case AttemptEnd::kLocalError:  // logged where it happened
      return;
    case AttemptEnd::kLost:
      spdlog::error("tunnel lost: {}", attempt.reason);
      return;
    case AttemptEnd::kFailed:
      spdlog::error("no session: {}", attempt.reason);
      return;
    case AttemptEnd::kAuthFailed:
      spdlog::error("{}", attempt.reason);
      return;
  }
}

}  // namespace

int run_attempts(VpnContext& context, const ReconnectSettings& reconnect) {
  const StopSignals held;
  ReconnectSchedule schedule(reconnect, context.random);
  for (;;) {
    const Attempt attempt = run_attempt(context);
    log_end(attempt);
    if (attempt.up_at) schedule.session_up(*attempt.up_at);
    const auto decision = schedule.next(net::now(), attempt.end);
    if (const auto* stop = std::get_if<GiveUp>(&decision)) {
      if (attempt.end == AttemptEnd::kSignal) return 0;
      spdlog::error("giving up: {}", stop->reason);
      return 1;
    }
    const auto& retry = std::get<Retry>(decision);
    const std::string of = reconnect.max_attempts == 0 ? "" : fmt::format(" of {}", reconnect.max_attempts);
    spdlog::warn("reconnecting in {:.2f}s (attempt {}{})", std::chrono::duration<double>(retry.wait).count(),
                 retry.attempt, of);
    if (wait_interrupted(retry.wait)) return 0;
  }
}

}  // namespace pptpkit::client
