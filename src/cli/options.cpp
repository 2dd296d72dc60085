#include "cli/options.h"

#include <unistd.h>

#include <algorithm>

#include "cli/duration_text.h"

namespace pptpkit::cli {

namespace {

asio::ip::tcp::endpoint endpoint_or_throw(const std::string& text) {
  auto endpoint = net::parse_endpoint(text);
  if (!endpoint) throw CLI::ValidationError(endpoint.error());
  return *endpoint;
}

// A hook must be there and executable when the settings are read (at start
// and at each reload), not only when a session comes up.
const CLI::Validator kExecutable(
    [](const std::string& path) -> std::string {
      if (!CLI::ExistingFile(path).empty() || access(path.c_str(), X_OK) != 0) {
        return "not an executable file: " + path;
      }
      return {};
    },
    "EXECUTABLE");

}  // namespace

CLI::Option* add_duration_option(CLI::App& app, const std::string& name, Duration& target,
                                 const std::string& description, bool zero_allowed) {
  return app
      .add_option_function<std::string>(
          name,
          [&target, zero_allowed](const std::string& text) {
            auto duration = parse_duration(text, zero_allowed);
            if (!duration) throw CLI::ValidationError(duration.error());
            target = *duration;
          },
          description)
      ->type_name("DURATION")
      ->default_str(duration_text(target));
}

CLI::Option* add_endpoint_option(CLI::App& app, const std::string& name, asio::ip::tcp::endpoint& target,
                                 const std::string& description) {
  return app
      .add_option_function<std::string>(
          name, [&target](const std::string& text) { target = endpoint_or_throw(text); }, description)
      ->type_name("ADDR[:PORT]");
}

CLI::Option* add_endpoints_option(CLI::App& app, const std::string& name,
                                  std::vector<asio::ip::tcp::endpoint>& target,
                                  const std::string& description) {
  return app
      .add_option_function<std::vector<std::string>>(
          name,
          [&target](const std::vector<std::string>& texts) {
            target.clear();
            for (const auto& text : texts) target.push_back(endpoint_or_throw(text));
          },
          description)
      ->type_name("ADDR[:PORT]")
      ->take_all();
}

void add_log_options(CLI::App& app, net::LogSettings& target) {
  add_named_option(app, "--log-level", target.level, net::log_level_names(), "debug, info, warning or error");
  add_named_option(app, "--log-format", target.format, net::log_format_names(),
                   "text or json (one object per line)");
}

void add_mppe_options(CLI::App& app, ppp::CcpConfig& target) {
  add_named_option(app, "--mppe", target.policy,
                   {{"required", ppp::MppePolicy::kRequired},
                    {"optional", ppp::MppePolicy::kOptional},
                    {"refused", ppp::MppePolicy::kRefused}},
                   "MPPE encryption: required, optional or refused (default required)");
  std::string default_bits;  // the one length allowed by default, for --check-config
  for (const auto& [bits, allowed] : {std::pair{40, target.allow_40_bit}, std::pair{56, target.allow_56_bit},
                                      std::pair{128, target.allow_128_bit}}) {
    if (allowed) default_bits = default_bits.empty() ? std::to_string(bits) : "";
  }
  app.add_option_function<std::vector<int>>(
         "--mppe-bits",
         [&target](const std::vector<int>& bits) {
           target.allow_40_bit = std::find(bits.begin(), bits.end(), 40) != bits.end();
           target.allow_56_bit = std::find(bits.begin(), bits.end(), 56) != bits.end();
           target.allow_128_bit = std::find(bits.begin(), bits.end(), 128) != bits.end();
         },
         "MPPE key lengths allowed, repeatable: 40, 56, 128 (default 128 only)")
      ->check(CLI::IsMember({40, 56, 128}))
      ->take_all()
      ->default_str(default_bits);
  app.add_flag("--mppe-stateful", target.allow_stateful,
               "Allow stateful MPPE (RC4 kept across packets; default stateless only)");
}

CLI::Option* add_auth_option(CLI::App& app, std::vector<ppp::AuthMethod>& target,
                             const std::string& description) {
  static const std::map<std::string, ppp::AuthMethod> names{{"mschapv2", ppp::AuthMethod::kMsChapV2},
                                                            {"mschap", ppp::AuthMethod::kMsChapV1},
                                                            {"chap", ppp::AuthMethod::kChapMd5},
                                                            {"pap", ppp::AuthMethod::kPap}};
  std::vector<std::string> keys;
  std::string default_name;  // of a single default method, for --check-config
  for (const auto& entry : names) {
    keys.push_back(entry.first);
    if (target.size() == 1 && target.front() == entry.second) default_name = entry.first;
  }
  return app
      .add_option_function<std::vector<std::string>>(
          "--auth",
          [&target](const std::vector<std::string>& values) {
            target.clear();
            for (const auto& value : values) target.push_back(names.at(value));
          },
          description)
      ->check(CLI::IsMember(keys))
      ->take_all()
      ->default_str(default_name);
}

void add_hook_options(CLI::App& app, net::HookSettings& target) {
  app.add_option("--ip-up", target.ip_up,
                 "Executable run when a session is up, with pppd's ip-up arguments and environment")
      ->check(kExecutable);
  app.add_option("--ip-down", target.ip_down,
                 "Executable run when a session that was up ends (after its ip-up)")
      ->check(kExecutable);
  add_duration_option(app, "--hook-timeout", target.timeout,
                      "Kill a hook (its process group) still running after this (default 30s)");
  app.add_option("--hook-max-running", target.max_running, "Hooks running at once; more wait in order")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
}

}  // namespace pptpkit::cli
