// SIGHUP on `pptpkit server --secrets` (docs/operations.md). The command
// line the server started with is parsed again, so the -c file is read
// again and its flags still override it, and so is the secrets file. What
// can change at run time applies to what comes next: logins and sessions
// set up from now on, the hooks of later events, the log level; running
// sessions keep their settings. Keys that need a restart keep their old
// value, with a warning naming each. A reload that fails anywhere (file
// unreadable, syntax, a bad value) is logged and changes nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "endpoint/config.h"
#include "endpoint/server.h"
#include "net/hook_runner.h"
#include "ppp/secrets.h"
#include "server/server_settings.h"

namespace pptpkit::server {

// The settings `pptpkit server` reads from `command_line` (argv, with -c).
Result<ServerSettings, std::string> parse_server_command_line(const std::vector<std::string>& command_line);

// The keys that need a restart (listen, tun-name, local-ip, pool,
// log-format) that `next` changes: they are set back to `running`'s values
// and their names returned.
std::vector<std::string> keep_restart_keys(const ServerSettings& running, ServerSettings& next);

class ServerReloader {
 public:
  using MakeConfig = std::function<Result<endpoint::ServerConfig, std::string>(const ServerSettings&)>;
  using ReadSecrets = std::function<Result<ppp::ChapSecrets, std::string>(const std::string& path)>;

  // `server` and `hooks` must outlive the reloader.
  ServerReloader(std::vector<std::string> command_line, ServerSettings running, MakeConfig make_config,
                 ReadSecrets read_secrets, endpoint::Server& server, net::HookRunner& hooks);

  // Reads everything again and applies it to the server and the hooks (true),
  // or logs why not (false). The owner applies running() to what else it
  // holds.
  bool reload();
  // The settings in force: the start's, or the last successful reload's.
  const ServerSettings& running() const { return running_; }
  std::uint64_t reloads() const { return reloads_; }
  std::uint64_t failures() const { return failures_; }

 private:
  // Logs and counts a failed reload; false.
  bool fail(const std::string& error);

  std::vector<std::string> command_line_;
  ServerSettings running_;
  MakeConfig make_config_;
  ReadSecrets read_secrets_;
  endpoint::Server& server_;
  net::HookRunner& hooks_;
  std::uint64_t reloads_ = 0;
  std::uint64_t failures_ = 0;
};

}  // namespace pptpkit::server
