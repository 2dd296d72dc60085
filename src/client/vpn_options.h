// The client's flags for its routes, for reconnecting and for the TCP
// connect's time limit; each is also
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
// --connect-timeout: how long the TCP connect to the server may take.
void add_connect_timeout_option(CLI::App& app, Duration& target);

}  // namespace pptpkit::client
