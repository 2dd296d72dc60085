#include "client/client_command.h"

#include <memory>

#include "cli/check_config.h"
#include "cli/data_path.h"
#include "cli/options.h"
#include "client/client.h"
#include "client/vpn_options.h"

namespace pptpkit::client {

void add_client_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "client", "Open a control connection (PNS) to a PPTP server and place an outgoing call");
  command->fallthrough();  // -c/--config after the command name
  auto settings = std::make_shared<ClientSettings>();
  auto& timers = settings->runtime.connection.timers;

  cli::add_endpoint_option(*command, "--server", settings->server,
                           "The server, ADDR[:PORT]; IPv6 in brackets")
      ->required();
  command->add_option("--connections", settings->connections, "Control connections, one call each")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  cli::add_duration_option(*command, "--echo-interval", timers.echo_interval,
                           "Silence before an Echo-Request (default 60s)");
  cli::add_duration_option(*command, "--echo-timeout", timers.echo_timeout,
                           "Wait for the Echo-Reply before the tunnel is dead (default 30s)");
  add_connect_timeout_option(*command, settings->runtime.connect_timeout);
  cli::add_log_options(*command, settings->log);
  command->add_option("--user", settings->user, "Authenticate as USER and run the data path (TUN pptp-cN)");
  command->add_option("--password-file", settings->password_file, "File whose first line is the password")
      ->check(CLI::ExistingFile);
  cli::add_mppe_options(*command, settings->mppe);
  cli::add_auth_option(
      *command, settings->auth,
      "Methods accepted when the server asks, repeatable, preferred first: mschapv2, mschap, "
      "chap, pap (default mschapv2)");
  cli::add_hook_options(*command, settings->hooks);
  add_route_options(*command, settings->routes);
  add_reconnect_options(*command, settings->reconnect);

  cli::add_data_path_options(*command, settings->data_path);
  cli::add_command_callback(
      *command, [settings] { return check_client_config(*settings); },
      [settings] { return run_client(*settings); });
}

}  // namespace pptpkit::client
