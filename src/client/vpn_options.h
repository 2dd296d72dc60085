// The VPN client's flags for its routes and for reconnecting; each is also
// a key of the configuration file's [client] table (cli/toml_config.h).
#pragma once

#include <CLI/CLI.hpp>

#include "client/reconnect.h"
#include "client/route_plan.h"

namespace pptpkit::client {

// --route PREFIX (repeatable) and --default-route.
void add_route_options(CLI::App& app, RouteSettings& target);
// --reconnect, --reconnect-delay, --reconnect-max-delay, --reconnect-attempts.
void add_reconnect_options(CLI::App& app, ReconnectSettings& target);

}  // namespace pptpkit::client
