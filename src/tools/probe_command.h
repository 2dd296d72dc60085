// Registers `pptpkit probe ADDR[:PORT] [--call] [--json]`.
#pragma once

#include <CLI/CLI.hpp>

namespace pptpkit::tools {

// The command throws CLI::RuntimeError with ProbeFailure's exit code when the
// probe fails.
void add_probe_command(CLI::App& app);

}  // namespace pptpkit::tools
