// Everything `pptpkit client` is told, from flags or the configuration file.
#pragma once

#include <asio/ip/tcp.hpp>
#include <cstddef>

#include "net/control_runtime.h"
#include "net/logging.h"

namespace pptpkit::client {

struct ClientSettings {
  asio::ip::tcp::endpoint server{};
  // Control connections opened at once, one outgoing call each (more than
  // one is a load generator for the server's limits).
  std::size_t connections = 1;
  net::RuntimeSettings runtime{};
  net::LogSettings log{};
};

}  // namespace pptpkit::client
