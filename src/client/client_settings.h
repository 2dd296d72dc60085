// Everything `pptpkit client` is told, from flags or the configuration file.
#pragma once

#include <asio/ip/tcp.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "cli/data_path.h"
#include "client/reconnect.h"
#include "client/route_plan.h"
#include "net/control_runtime.h"
#include "net/hook_runner.h"
#include "net/logging.h"
#include "ppp/auth.h"
#include "ppp/ccp.h"

namespace pptpkit::client {

struct ClientSettings {
  asio::ip::tcp::endpoint server{};
  // Control connections opened at once, one outgoing call each (more than
  // one is a load generator for the server's limits).
  std::size_t connections = 1;
  net::RuntimeSettings runtime{};
  net::LogSettings log{};

  // The data path: with a user the client runs the whole VPN (one
  // connection, PPP, MPPE, a pptp-c%d TUN device); without one, the
  // control plane only.
  std::string user{};
  std::string password_file{};  // its first line is the password
  ppp::CcpConfig mppe{};
  // Methods the client agrees to when the server asks, preferred first.
  std::vector<ppp::AuthMethod> auth{ppp::AuthMethod::kMsChapV2};

  // ip-up/ip-down (docs/operations.md).
  net::HookSettings hooks{};

  // With a user: routes through the tunnel while the session is up, and
  // whether to try again after it fails or goes down.
  RouteSettings routes{};
  ReconnectSettings reconnect{};
  // MSS clamping, MRU, LCP keep-alive (docs/configuration.md).
  cli::DataPathSettings data_path{};
};

}  // namespace pptpkit::client
