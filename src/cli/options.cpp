#include "cli/options.h"

#include "cli/duration_text.h"

namespace pptpkit::cli {

namespace {

asio::ip::tcp::endpoint endpoint_or_throw(const std::string& text) {
  auto endpoint = net::parse_endpoint(text);
  if (!endpoint) throw CLI::ValidationError(endpoint.error());
  return *endpoint;
}

}  // namespace

CLI::Option* add_duration_option(CLI::App& app, const std::string& name, Duration& target,
                                 const std::string& description) {
  return app
      .add_option_function<std::string>(
          name,
          [&target](const std::string& text) {
            auto duration = parse_duration(text);
            if (!duration) throw CLI::ValidationError(duration.error());
            target = *duration;
          },
          description)
      ->type_name("DURATION");
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
  app.add_option("--log-level", target.level, "debug, info, warning or error")
      ->transform(CLI::CheckedTransformer(net::log_level_names()))
      ->default_str("info");
  app.add_option("--log-format", target.format, "text or json (one object per line)")
      ->transform(CLI::CheckedTransformer(net::log_format_names()))
      ->default_str("text");
}

CLI::Option* add_mppe_option(CLI::App& app, ppp::MppePolicy& target) {
  return add_named_option(app, "--mppe", target,
                          {{"required", ppp::MppePolicy::kRequired},
                           {"optional", ppp::MppePolicy::kOptional},
                           {"refused", ppp::MppePolicy::kRefused}},
                          "MPPE encryption: required, optional or refused (default required)");
}

CLI::Option* add_auth_option(CLI::App& app, ppp::AuthMethod& target) {
  return add_named_option(app, "--auth", target,
                          {{"mschapv2", ppp::AuthMethod::kMsChapV2},
                           {"mschap", ppp::AuthMethod::kMsChapV1},
                           {"chap", ppp::AuthMethod::kChapMd5},
                           {"pap", ppp::AuthMethod::kPap}},
                          "Authentication: mschapv2, mschap, chap or pap (default mschapv2)");
}

}  // namespace pptpkit::cli
