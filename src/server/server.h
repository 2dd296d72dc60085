// `pptpkit server`: the PAC. Without a secrets file, the control plane only:
// accepts control connections, answers every Outgoing-Call-Request that the
// limits admit, and logs tunnels and calls. With one, the whole VPN.
#pragma once

#include <string>
#include <vector>

#include "server/server_settings.h"

namespace pptpkit::server {

// Runs until SIGINT or SIGTERM has stopped every tunnel (SIGHUP is logged:
// without --secrets there is nothing to reload); the exit code
// (non-zero when a listener could not be opened). `command_line` (argv) is
// what a reload parses again.
int run_server(const ServerSettings& settings, const std::vector<std::string>& command_line);

// `pptpkit server --secrets`: the whole VPN through endpoint::Server on a
// TUN device, a raw GRE socket and the TCP listeners (vpn_server.cpp);
// SIGHUP reloads (server_reload.h).
int run_vpn_server(const ServerSettings& settings, const std::vector<std::string>& command_line);

// `pptpkit server --check-config`: what run_server() would refuse to start
// with (pool, addresses, auth and MPPE, the secrets file), without
// touching the network.
Status<std::string> check_server_config(const ServerSettings& settings);

}  // namespace pptpkit::server
