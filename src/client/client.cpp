#include "client/client.h"

#include <spdlog/spdlog.h>

#include <asio/io_context.hpp>

#include "net/run_loop.h"
#include "net/system_random.h"

namespace pptpkit::client {

namespace {

class CallPlacer final : public net::ControlHandler {
 public:
  explicit CallPlacer(asio::io_context& io) : io_(io) {}
  void attach(net::ControlRuntime& runtime) { runtime_ = &runtime; }
  bool failed() const { return failed_; }

  void on_connected(net::ControlSession& session, Timestamp now) override {
    // Only refused in a state a fresh connection is not in.
    (void)session.connection().start(now);
  }
  void on_connect_failed(const asio::ip::tcp::endpoint&, const std::error_code&) override {
    failed_ = true;
    stop_when_idle();
  }
  void on_event(net::ControlSession& session, const pptp::Event& event, Timestamp now) override {
    if (std::holds_alternative<pptp::TunnelUp>(event)) {
      auto call_id = session.connection().place_call(now, pptp::CallRequest{});
      if (!call_id) {
        spdlog::warn("call not placed peer={} reason=\"{}\"", session.peer_name(),
                     to_string(call_id.error()));
      }
    } else if (const auto* down = std::get_if<pptp::TunnelDown>(&event)) {
      if (down->reason != pptp::TunnelDownReason::kLocalStop &&
          down->reason != pptp::TunnelDownReason::kPeerStop) {
        failed_ = true;
      }
    }
  }
  void on_closed(const net::ControlSession&) override { stop_when_idle(); }

 private:
  // Without tunnels left (and no signal-driven stop under way, which ends
  // the loop itself) the client is done.
  void stop_when_idle() {
    if (runtime_ != nullptr && runtime_->size() == 0 && !runtime_->stopping()) io_.stop();
  }

  asio::io_context& io_;
  net::ControlRuntime* runtime_ = nullptr;
  bool failed_ = false;
};

}  // namespace

int run_client(const ClientSettings& settings) {
  net::configure_logging(settings.log);
  if (!settings.user.empty()) return run_vpn_client(settings);
  if (!settings.routes.routes.empty() || settings.routes.default_route || settings.reconnect.enabled) {
    spdlog::error("--route, --default-route and --reconnect need --user (the data path)");
    return 2;
  }
  asio::io_context io;
  net::SystemRandom random;
  pptp::CallIdAllocator allocator(random);
  CallPlacer handler(io);
  net::RuntimeSettings runtime_settings = settings.runtime;
  runtime_settings.connection.role = pptp::Role::kPns;
  net::ControlRuntime runtime(io, allocator, handler, runtime_settings);
  handler.attach(runtime);
  for (std::size_t i = 0; i < settings.connections; ++i) runtime.connect(settings.server);
  net::run_until_stopped(io, runtime, net::OnHangUp::kStop);
  return handler.failed() ? 1 : 0;
}

}  // namespace pptpkit::client
