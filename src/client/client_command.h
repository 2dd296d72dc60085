// Registers `pptpkit client` and its flags.
#pragma once

#include <CLI/CLI.hpp>

namespace pptpkit::client {

void add_client_command(CLI::App& app);

}  // namespace pptpkit::client
