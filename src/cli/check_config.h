// --check-config on the server and the client: parse flags and file, let the
// command validate everything it would use, then print the effective
// settings and exit instead of running.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "base/result.h"

namespace pptpkit::cli {

// Adds --check-config to `command` (a flag only, not a key of the file: a
// file that only checks itself would never run) and makes its callback:
// with the flag, check() runs, then its error goes to stderr with exit code
// 2, or every key of the command's table with its value in force (from the
// flags, the file or the default) to stdout, as TOML that -c reads back.
// Without the flag, run() runs. A non-zero exit code ends the program
// (CLI::RuntimeError). Settings hold no password, only paths to the files
// that do.
void add_command_callback(CLI::App& command, std::function<Status<std::string>()> check,
                          std::function<int()> run);

}  // namespace pptpkit::cli
