// pptpkit: one binary, one subcommand per program. A subcommand that fails
// throws CLI::RuntimeError with its exit code, which CLI11_PARSE returns.
#include <CLI/CLI.hpp>

#include "cli/toml_config.h"
#include "client/client_command.h"
#include "server/server_command.h"
#include "tools/decode_command.h"
#include "tools/probe_command.h"

int main(int argc, char** argv) {
  CLI::App app{"pptpkit: a userspace PPTP (RFC 2637) server, client and toolkit"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("pptpkit ") + PPTPKIT_VERSION);
  pptpkit::cli::add_config_option(app);
  pptpkit::server::add_server_command(app, {argv, argv + argc});
  pptpkit::client::add_client_command(app);
  pptpkit::tools::add_probe_command(app);
  pptpkit::tools::add_decode_command(app);

  CLI11_PARSE(app, argc, argv);
  return 0;
}
