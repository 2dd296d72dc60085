#include "server/server.h"

#include <spdlog/spdlog.h>

#include <asio/io_context.hpp>

#include "net/endpoint_text.h"
#include "net/run_loop.h"
#include "net/system_random.h"

namespace pptpkit::server {

namespace {

// The server's decisions: every call the core admitted (it already enforces
// the tunnel's and the server's call limits) is accepted.
class CallAcceptor final : public net::ControlHandler {
 public:
  void on_connected(net::ControlSession&, Timestamp) override {}
  void on_connect_failed(const asio::ip::tcp::endpoint&, const std::error_code&) override {}
  void on_event(net::ControlSession& session, const pptp::Event& event, Timestamp now) override {
    const auto* requested = std::get_if<pptp::CallRequested>(&event);
    if (requested == nullptr) return;
    // Only a PAC's own commands can fail here, and the call is refused then.
    (void)session.connection().answer_call(now, requested->call_id, pptp::CallAnswer{});
  }
  void on_closed(const net::ControlSession&) override {}
};

}  // namespace

int run_server(const ServerSettings& settings, const std::vector<std::string>& command_line) {
  net::configure_logging(settings.log);
  if (!settings.secrets_file.empty()) return run_vpn_server(settings, command_line);
  asio::io_context io;
  net::SystemRandom random;
  pptp::CallIdAllocator allocator(random, settings.calls);
  CallAcceptor handler;
  net::ControlRuntime runtime(io, allocator, handler, settings.runtime);

  const std::vector<asio::ip::tcp::endpoint> defaults{{asio::ip::address_v4::any(), net::kPptpPort}};
  for (const auto& endpoint : settings.listen.empty() ? defaults : settings.listen) {
    if (auto bound = runtime.listen(endpoint); !bound) {
      spdlog::error("{}", bound.error());
      return 1;
    }
  }
  net::run_until_stopped(io, runtime, net::OnHangUp::kNothingToReload);
  return 0;
}

}  // namespace pptpkit::server
