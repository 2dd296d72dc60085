// The configuration file (`pptpkit -c FILE <command>`): TOML whose tables
// are the commands and whose keys are their long flags without "--":
//
//   [server]
//   listen = ["192.0.2.1", "[2001:db8::1]:1723"]
//   echo-interval = "60s"
//
// Read with toml++ and handed to CLI11 as configuration items, so every flag
// is a key, and a flag given on the command line overrides the file.
#pragma once

#include <CLI/CLI.hpp>
#include <istream>
#include <vector>

namespace pptpkit::cli {

class TomlConfig final : public CLI::ConfigTOML {
 public:
  // Throws CLI::ConfigError naming the line and column of a syntax error.
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
};

// Adds -c/--config FILE to `app` with TomlConfig; unknown keys are errors
// (a misspelt key must not silently leave a default in force).
void add_config_option(CLI::App& app);

}  // namespace pptpkit::cli
