#include "tools/probe_command.h"

#include <iostream>
#include <memory>

#include "cli/options.h"
#include "tools/probe.h"

namespace pptpkit::tools {

void add_probe_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "probe", "Connect to a PPTP server, show what it announces, optionally place a call, close cleanly");
  command->fallthrough();  // -c/--config after the command name
  auto options = std::make_shared<ProbeOptions>();
  cli::add_endpoint_option(*command, "server", options->server, "The server, ADDR[:PORT]; IPv6 in brackets")
      ->required();
  command->add_flag("--call", options->call, "Place an outgoing call and report its result");
  command->add_flag("--json", options->json, "Print one JSON object instead of text");
  cli::add_duration_option(*command, "--timeout", options->timeout,
                           "Wait for TCP, the Start-Control-Connection-Reply and the call (default 10s)");
  command->add_option("--log-level", options->log.level, "debug, info, warning or error (default error)")
      ->transform(CLI::CheckedTransformer(net::log_level_names()));

  command->callback([options] {
    const ProbeReport report = run_probe(*options);
    if (options->json) {
      std::cout << to_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
      if (report.peer) std::cout << to_text(report);
      if (report.failure != ProbeFailure::kNone) {
        std::cerr << "probe " << report.server << ": " << report.diagnosis << '\n';
      }
    }
    if (const int code = exit_code(report); code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace pptpkit::tools
