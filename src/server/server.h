// `pptpkit server`: the PAC side of the control plane. Accepts control
// connections, answers every Outgoing-Call-Request that the limits admit,
// and logs tunnels and calls; PPP over the calls comes with the data path.
#pragma once

#include "server/server_settings.h"

namespace pptpkit::server {

// Runs until SIGINT or SIGTERM has stopped every tunnel; the exit code
// (non-zero when a listener could not be opened).
int run_server(const ServerSettings& settings);

}  // namespace pptpkit::server
