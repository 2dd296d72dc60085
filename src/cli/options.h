// Flags every program shares, registered one way so that the same key works
// on the command line and in the configuration file (toml_config.h).
#pragma once

#include <CLI/CLI.hpp>
#include <asio/ip/tcp.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/time.h"
#include "net/endpoint_text.h"
#include "net/hook_runner.h"
#include "net/logging.h"
#include "ppp/auth.h"
#include "ppp/ccp.h"

namespace pptpkit::cli {

// A duration flag ("2s", "500ms", "5m"); `target` keeps its default when
// the flag is absent. `zero_allowed`: "0" is accepted (it turns the timer off).
CLI::Option* add_duration_option(CLI::App& app, const std::string& name, Duration& target,
                                 const std::string& description, bool zero_allowed = false);

// One ADDR[:PORT] endpoint (IPv6 in brackets); the port defaults to 1723.
CLI::Option* add_endpoint_option(CLI::App& app, const std::string& name, asio::ip::tcp::endpoint& target,
                                 const std::string& description);
// The same, repeatable: each occurrence adds one.
CLI::Option* add_endpoints_option(CLI::App& app, const std::string& name,
                                  std::vector<asio::ip::tcp::endpoint>& target,
                                  const std::string& description);

// --log-level debug|info|warning|error and --log-format text|json.
void add_log_options(CLI::App& app, net::LogSettings& target);

// A flag that takes one of `names` and sets `target` to its value; the
// name of target's value when registered is the default.
template <class T>
CLI::Option* add_named_option(CLI::App& app, const std::string& name, T& target,
                              std::map<std::string, T> names, const std::string& description) {
  std::vector<std::string> keys;
  std::string default_name;
  for (const auto& entry : names) {
    keys.push_back(entry.first);
    if (entry.second == target) default_name = entry.first;
  }
  return app
      .add_option_function<std::string>(
          name, [&target, names](const std::string& value) { target = names.at(value); }, description)
      ->check(CLI::IsMember(keys))
      ->default_str(default_name);
}

// --mppe required|optional|refused, --mppe-bits 40|56|128 (repeatable) and
// --mppe-stateful: the CCP settings one side negotiates MPPE with.
void add_mppe_options(CLI::App& app, ppp::CcpConfig& target);
// --auth mschapv2|mschap|chap|pap, repeatable, preferred first.
CLI::Option* add_auth_option(CLI::App& app, std::vector<ppp::AuthMethod>& target,
                             const std::string& description);

// --ip-up and --ip-down (executables, run as pppd runs its scripts),
// --hook-timeout and --hook-max-running (docs/operations.md).
void add_hook_options(CLI::App& app, net::HookSettings& target);

}  // namespace pptpkit::cli
