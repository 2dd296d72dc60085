// Registers `pptpkit server` and its flags.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "server/server_settings.h"

namespace pptpkit::server {

// `command_line` is the program's whole argv: a reload parses it again.
void add_server_command(CLI::App& app, std::vector<std::string> command_line);

// The flags of `pptpkit server` on `command`, bound to *settings.
void add_server_flags(CLI::App* command, const std::shared_ptr<ServerSettings>& settings);

}  // namespace pptpkit::server
