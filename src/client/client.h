// `pptpkit client`: the PNS side. Opens control connections to a server,
// places one outgoing call on each once the tunnel is up, and keeps them
// (echo) until SIGINT/SIGTERM or until the server ends them.
#pragma once

#include "client/client_settings.h"

namespace pptpkit::client {

// 0 when every tunnel came up and ended by a stop (ours or the server's);
// 1 when a connection failed or a tunnel ended otherwise.
int run_client(const ClientSettings& settings);

}  // namespace pptpkit::client
