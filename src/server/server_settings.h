// Everything `pptpkit server` is told, from flags or the configuration file
// (docs/configuration.md lists the keys).
#pragma once

#include <asio/ip/tcp.hpp>
#include <cstddef>
#include <vector>

#include "net/control_runtime.h"
#include "net/logging.h"
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
};

}  // namespace pptpkit::server
