// Registers `pptpkit server` and its flags.
#pragma once

#include <CLI/CLI.hpp>

namespace pptpkit::server {

void add_server_command(CLI::App& app);

}  // namespace pptpkit::server
