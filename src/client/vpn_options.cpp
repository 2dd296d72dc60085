#include "client/vpn_options.h"

#include "cli/options.h"

namespace pptpkit::client {

void add_route_options(CLI::App& app, RouteSettings& target) {
  app.add_option_function<std::vector<std::string>>(
         "--route",
         [&target](const std::vector<std::string>& texts) {
           target.routes.clear();
           for (const auto& text : texts) {
             auto prefix = parse_ipv4_prefix(text);
             if (!prefix) throw CLI::ValidationError("--route", prefix.error());
             target.routes.push_back(*prefix);
           }
         },
         "Route A.B.C.D/N through the tunnel while the session is up, repeatable")
      ->type_name("PREFIX")
      ->take_all();
  app.add_flag("--default-route", target.default_route,
               "Route everything through the tunnel (0.0.0.0/1 and 128.0.0.0/1), the server pinned to its "
               "current path");
}

void add_reconnect_options(CLI::App& app, ReconnectSettings& target) {
  app.add_flag("--reconnect", target.enabled,
               "After a failed connect or a lost session, try again with growing waits (not after an "
               "authentication failure)");
  cli::add_duration_option(app, "--reconnect-delay", target.first_delay, "The first wait (default 1s)");
  cli::add_duration_option(app, "--reconnect-max-delay", target.max_delay,
                           "The wait doubles up to this (default 60s)");
  app.add_option("--reconnect-attempts", target.max_attempts, "Retries in a row before giving up; 0: forever")
      ->capture_default_str();
}

void add_connect_timeout_option(CLI::App& app, Duration& target) {
  cli::add_duration_option(app, "--connect-timeout", target,
                           "Give up the TCP connect to the server after this long (default 10s)");
}

}  // namespace pptpkit::client
