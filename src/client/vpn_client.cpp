#include <spdlog/spdlog.h>

#include <fstream>

#include "client/client.h"
#include "client/vpn_attempts.h"
#include "net/system_random.h"
#include "net/vpn_tun.h"
#include "ppp/link_config.h"

namespace pptpkit::client {

namespace {

Result<std::string, std::string> read_password(const std::string& path) {
  if (path.empty()) return Unexpected{std::string("--password-file is required with --user")};
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line)) return Unexpected{"cannot read password file " + path};
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The data path's settings but the local address (known once connected),
// or what is wrong with them.
Result<endpoint::ClientConfig, std::string> client_config(const ClientSettings& settings) {
  auto password = read_password(settings.password_file);
  if (!password) return Unexpected{password.error()};
  if (!settings.server.address().is_v4()) {
    return Unexpected{std::string("the data path needs an IPv4 server address")};
  }
  endpoint::ClientConfig config;
  config.server_address = settings.server.address().to_v4().to_uint();
  config.control = settings.runtime.connection;
  config.link.user = settings.user;
  config.link.password = std::move(*password);
  config.link.ccp = settings.mppe;
  config.link.lcp.auth_methods = settings.auth;
  cli::apply(settings.data_path, config);
  if (auto valid = ppp::validate(config.link); !valid)
    return Unexpected{std::string(to_string(valid.error()))};
  return config;
}

}  // namespace

int run_vpn_client(const ClientSettings& settings) {
  auto config = client_config(settings);
  if (!config) {
    spdlog::error("{}", config.error());
    return 2;
  }
  auto routes = plan_routes(settings.routes, config->server_address);
  if (!routes) {
    spdlog::error("{}", routes.error());
    return 2;
  }

  auto tun = net::open_vpn_tun("pptp-c%d");
  if (!tun) {
    spdlog::error("{}", to_string(tun.error()));
    return 1;
  }

  net::SystemRandom random;
  pptp::CallIdAllocator call_ids(random);
  VpnContext context{settings.server, std::move(*config), std::move(*routes),
                     tun->device,     tun->netlink,       random,
                     call_ids,        settings.hooks,     settings.runtime.connect_timeout};
  return run_attempts(context, settings.reconnect);
}

Status<std::string> check_client_config(const ClientSettings& settings) {
  if (settings.user.empty()) return {};
  if (auto config = client_config(settings); !config) return Unexpected{config.error()};
  return {};
}

}  // namespace pptpkit::client
