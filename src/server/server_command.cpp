#include "server/server_command.h"

#include <memory>

#include "cli/check_config.h"
#include "cli/data_path.h"
#include "cli/options.h"
#include "server/server.h"

namespace pptpkit::server {

void add_server_flags(CLI::App* command, const std::shared_ptr<ServerSettings>& settings) {
  auto& runtime = settings->runtime;
  auto& timers = runtime.connection.timers;

  cli::add_endpoints_option(*command, "--listen", settings->listen,
                            "Address to accept control connections on, repeatable; IPv6 in brackets "
                            "(default 0.0.0.0:1723)")
      ->default_str("0.0.0.0:1723");
  command->add_option("--max-connections", runtime.admission.max_connections, "Control connections in total")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--max-connections-per-source", runtime.admission.max_per_source,
                   "Control connections from one source address")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--max-calls", settings->calls.max_calls, "Calls in total, across all tunnels")
      ->capture_default_str()
      ->check(CLI::Range(1, 65535));
  command
      ->add_option("--max-calls-per-tunnel", runtime.connection.max_calls,
                   "Calls one tunnel carries (sent as Maximum Channels)")
      ->capture_default_str()
      ->check(CLI::Range(1, 65535));
  command
      ->add_option("--max-buffered", runtime.max_buffered,
                   "Unsent octets per connection before it is dropped")
      ->capture_default_str()
      ->check(CLI::Range(1024, 16 * 1024 * 1024));
  command->add_option("--host-name", runtime.connection.host_name, "Host Name sent to peers")
      ->capture_default_str();
  cli::add_duration_option(*command, "--echo-interval", timers.echo_interval,
                           "Silence before an Echo-Request (default 60s)");
  cli::add_duration_option(*command, "--echo-timeout", timers.echo_timeout,
                           "Wait for the Echo-Reply before the tunnel is dead (default 30s)");
  cli::add_duration_option(*command, "--idle-timeout", timers.start_timeout,
                           "Wait for Start-Control-Connection-Request after TCP accept (default 60s)");
  cli::add_log_options(*command, settings->log);

  command->add_option("--secrets", settings->secrets_file,
                      "pppd chap-secrets file: run the data path (PPP, MPPE, TUN); without it, control only");
  command->add_option("--local-ip", settings->local_ip, "The server's tunnel address, on the TUN device")
      ->capture_default_str();
  command->add_option("--pool", settings->pool, "Peer addresses: ranges A-B or prefixes A/N, comma-separated")
      ->capture_default_str();
  cli::add_mppe_options(*command, settings->mppe);
  cli::add_auth_option(*command, settings->auth,
                       "Methods asked of clients, repeatable, preferred first: mschapv2, mschap, chap, pap "
                       "(default mschapv2; MPPE needs an MS-CHAP)");
  command->add_option("--tun-name", settings->tun_name, "The TUN device")->capture_default_str();

  cli::add_data_path_options(*command, settings->data_path);
  command->add_option("--dns", settings->dns, "DNS server pushed to clients (IPCP), repeatable, at most 2")
      ->take_all();
  command->add_option("--nbns", settings->nbns, "NBNS (WINS) server pushed to clients, repeatable, at most 2")
      ->take_all();
  command
      ->add_option("--max-sessions", settings->limits.max_sessions,
                   "Sessions in total; more calls are refused")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--max-sessions-per-user", settings->limits.max_sessions_per_user,
                   "Sessions of one user (0: no limit); more are closed after authentication")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cli::add_hook_options(*command, settings->hooks);
}

void add_server_command(CLI::App& app, std::vector<std::string> command_line) {
  auto* command = app.add_subcommand("server", "Run the PPTP control plane (PAC): accept tunnels and calls");
  command->fallthrough();  // -c/--config after the command name
  auto settings = std::make_shared<ServerSettings>();
  add_server_flags(command, settings);
  cli::add_command_callback(
      *command, [settings] { return check_server_config(*settings); },
      [settings, command_line = std::move(command_line)] { return run_server(*settings, command_line); });
}

}  // namespace pptpkit::server
