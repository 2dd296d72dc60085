#include "server/server_reload.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/toml_config.h"
#include "net/logging.h"
#include "server/server_command.h"

namespace pptpkit::server {

namespace {

using endpoint::LogLevel;
using endpoint::LogLine;
using endpoint::number_field;
using endpoint::text_field;

// Sets `next`'s value back to `running`'s when they differ, and names it.
template <class T>
void keep(std::vector<std::string>& kept, const char* key, const T& running, T& next) {
  if (running == next) return;
  next = running;
  kept.emplace_back(key);
}

}  // namespace

Result<ServerSettings, std::string> parse_server_command_line(const std::vector<std::string>& command_line) {
  CLI::App app;
  cli::add_config_option(app);
  auto* command = app.add_subcommand("server");
  command->fallthrough();
  auto settings = std::make_shared<ServerSettings>();
  add_server_flags(command, settings);
  std::vector<const char*> argv;
  for (const auto& word : command_line) argv.push_back(word.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& error) {
    return Unexpected{std::string(error.what())};
  }
  return *settings;
}

std::vector<std::string> keep_restart_keys(const ServerSettings& running, ServerSettings& next) {
  std::vector<std::string> kept;
  keep(kept, "listen", running.listen, next.listen);
  keep(kept, "tun-name", running.tun_name, next.tun_name);
  keep(kept, "local-ip", running.local_ip, next.local_ip);
  keep(kept, "pool", running.pool, next.pool);
  keep(kept, "log-format", running.log.format, next.log.format);
  return kept;
}

ServerReloader::ServerReloader(std::vector<std::string> command_line, ServerSettings running,
                               MakeConfig make_config, ReadSecrets read_secrets, endpoint::Server& server,
                               net::HookRunner& hooks)
    : command_line_(std::move(command_line)),
      running_(std::move(running)),
      make_config_(std::move(make_config)),
      read_secrets_(std::move(read_secrets)),
      server_(server),
      hooks_(hooks) {}

bool ServerReloader::reload() {
  auto next = parse_server_command_line(command_line_);
  if (!next) return fail(next.error());
  const std::vector<std::string> kept = keep_restart_keys(running_, *next);
  auto config = make_config_(*next);
  if (!config) return fail(config.error());
  auto secrets = read_secrets_(next->secrets_file);
  if (!secrets) return fail(secrets.error());

  for (const auto& key : kept) {
    net::log_line(LogLine{LogLevel::kWarning,
                          "reload kept",
                          {text_field("key", key), text_field("reason", "needs a restart")}});
  }
  const std::size_t users = secrets->entries().size();
  spdlog::set_level(next->log.level);
  server_.reconfigure(std::move(*config), std::make_shared<const ppp::ChapSecrets>(std::move(*secrets)));
  hooks_.configure(next->hooks);
  running_ = std::move(*next);
  ++reloads_;
  net::log_line(LogLine{LogLevel::kInfo,
                        "reload done",
                        {text_field("secrets", running_.secrets_file), number_field("secrets_entries", users),
                         number_field("reloads", reloads_), number_field("failures", failures_)}});
  return true;
}

bool ServerReloader::fail(const std::string& error) {
  ++failures_;
  net::log_line(LogLine{
      LogLevel::kError,
      "reload failed",
      {text_field("error", error), number_field("reloads", reloads_), number_field("failures", failures_)}});
  return false;
}

}  // namespace pptpkit::server
