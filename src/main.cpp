// pptpkit: one binary, one subcommand per program. A subcommand that fails
// throws CLI::RuntimeError with its exit code, which main returns.
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // the command's own
  } catch (const CLI::ParseError& e) {
    // Help and --version exit 0; a bad flag, key or value 2 (what
    // --check-config promises for any error), except for probe, whose 2
    // means "unreachable": its usage errors keep CLI11's codes (100+).
    const int code = app.exit(e);
    return code == 0 || app.got_subcommand("probe") ? code : 2;
  }
  return 0;
}
