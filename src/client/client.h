// `pptpkit client`: the PNS side. Opens control connections to a server,
// places one outgoing call on each once the tunnel is up, and keeps them
// (echo) until SIGINT/SIGTERM/SIGHUP or until the server ends them. With --user,
// the whole VPN instead.
#pragma once

#include <string>

#include "base/result.h"
#include "client/client_settings.h"

namespace pptpkit::client {

// 0 when every tunnel came up and ended by a stop (ours or the server's);
// 1 when a connection failed or a tunnel ended otherwise.
int run_client(const ClientSettings& settings);

// `pptpkit client --user`: one tunnel with its call, PPP and MPPE through
// endpoint::Client, on a pptp-c%d TUN device (vpn_client.cpp). 0 when a
// signal ended it, 1 otherwise.
int run_vpn_client(const ClientSettings& settings);

// `pptpkit client --check-config`: what run_client() would refuse to start
// with (the password file, the link's auth and MPPE settings, an IPv4
// server for the data path), without connecting.
Status<std::string> check_client_config(const ClientSettings& settings);

}  // namespace pptpkit::client
