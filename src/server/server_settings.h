// Everything `pptpkit server` is told, from flags or the configuration file
// (docs/configuration.md lists the keys).
#pragma once

#include <asio/ip/tcp.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "cli/data_path.h"
#include "endpoint/session_limits.h"
#include "net/control_runtime.h"
#include "net/hook_runner.h"
#include "net/logging.h"
#include "net/tun_device.h"
#include "ppp/auth.h"
#include "ppp/ccp.h"
#include "pptp/call_id_allocator.h"

namespace pptpkit::server {

struct ServerSettings {
  // Empty: 0.0.0.0:1723.
  std::vector<asio::ip::tcp::endpoint> listen{};
  // Connections, timers and limits of the control plane.
  net::RuntimeSettings runtime{};
  // Call IDs in use across all tunnels.
  pptp::CallIdAllocatorConfig calls{};
  net::LogSettings log{};

  // The data path (docs/endpoint.md). With a chap-secrets file the server
  // runs the whole VPN (PPP, MPPE, TUN, routes); without one only the
  // control plane.
  std::string secrets_file{};
  std::string local_ip = "198.18.0.1";  // the server's end of every link, on the TUN
  std::string pool = "198.18.0.10-198.18.0.254";
  ppp::CcpConfig mppe{};
  // Methods asked of the peer, preferred first.
  std::vector<ppp::AuthMethod> auth{ppp::AuthMethod::kMsChapV2};
  std::string tun_name{net::kServerTunName};

  // Data-path settings (docs/configuration.md): MSS clamping, MRU (also the
  // TUN's MTU), LCP keep-alive; name servers pushed by IPCP; session limits.
  cli::DataPathSettings data_path{};
  std::vector<std::string> dns{};
  std::vector<std::string> nbns{};
  endpoint::SessionLimits limits{};

  // ip-up/ip-down (docs/operations.md).
  net::HookSettings hooks{};
};

}  // namespace pptpkit::server
