#include <spdlog/spdlog.h>

#include <asio/io_context.hpp>
#include <fstream>
#include <sstream>

#include "endpoint/server.h"
#include "net/endpoint_runtime.h"
#include "net/endpoint_text.h"
#include "net/system_random.h"
#include "net/vpn_tun.h"
#include "ppp/secrets.h"
#include "server/pool_text.h"
#include "server/server.h"
#include "server/server_reload.h"

namespace pptpkit::server {

namespace {

// The data path's settings, or what is wrong with them.
Result<endpoint::ServerConfig, std::string> server_config(const ServerSettings& settings) {
  auto local = parse_ipv4(settings.local_ip);
  if (!local) return Unexpected{"--local-ip: " + local.error()};
  auto ranges = parse_pool(settings.pool);
  if (!ranges) return Unexpected{"--pool: " + ranges.error()};
  auto dns = parse_name_servers(settings.dns);
  if (!dns) return Unexpected{"--dns: " + dns.error()};
  auto nbns = parse_name_servers(settings.nbns);
  if (!nbns) return Unexpected{"--nbns: " + nbns.error()};
  endpoint::ServerConfig config;
  for (const auto& endpoint : settings.listen) {
    if (endpoint.address().is_v4() && !endpoint.address().is_unspecified()) {
      config.local_address = endpoint.address().to_v4().to_uint();
      break;
    }
  }
  config.control = settings.runtime.connection;
  config.call_ids = settings.calls;
  config.link.ccp = settings.mppe;
  config.link.lcp.auth_methods = settings.auth;
  config.pool.local = *local;
  config.pool.ranges = std::move(*ranges);
  config.pool.primary_dns = dns->primary;
  config.pool.secondary_dns = dns->secondary;
  config.pool.primary_nbns = nbns->primary;
  config.pool.secondary_nbns = nbns->secondary;
  config.limits = settings.limits;
  cli::apply(settings.data_path, config);
  if (auto valid = ppp::validate(config.link); !valid)
    return Unexpected{std::string(to_string(valid.error()))};
  return config;
}

Result<ppp::ChapSecrets, std::string> read_secrets(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Unexpected{"cannot read secrets file " + path};
  std::ostringstream text;
  text << file.rdbuf();
  auto secrets = ppp::parse_chap_secrets(text.str());
  if (!secrets) {
    return Unexpected{path + ":" + std::to_string(secrets.error().line) + ": " +
                      std::string(to_string(secrets.error().error))};
  }
  return std::move(*secrets);
}

// The server's end of every link on the TUN (its host routes follow the
// sessions, each with its session's MTU), an MTU that fits the largest
// session (no session's exceeds our MRU: endpoint::two_way_mtu), and the
// device up.
Status<net::ConfigError> configure_tun(net::Netlink& netlink, const net::TunDevice& tun, std::uint32_t local,
                                       std::uint16_t mtu) {
  const unsigned index = tun.index();
  if (auto done = netlink.add_address(index, {asio::ip::address_v4(local), 32, std::nullopt}); !done)
    return done;
  if (auto done = netlink.set_mtu(index, mtu); !done) return done;
  return netlink.set_link_up(index, true);
}

}  // namespace

int run_vpn_server(const ServerSettings& settings, const std::vector<std::string>& command_line) {
  auto config = server_config(settings);
  if (!config) {
    spdlog::error("{}", config.error());
    return 2;
  }
  auto secrets = read_secrets(settings.secrets_file);
  if (!secrets) {
    spdlog::error("{}", secrets.error());
    return 2;
  }
  auto tun = net::open_vpn_tun(settings.tun_name);
  if (!tun) {
    spdlog::error("{}", to_string(tun.error()));
    return 1;
  }
  if (auto done = configure_tun(tun->netlink, tun->device, config->pool.local, settings.data_path.mru);
      !done) {
    spdlog::error("{}", to_string(done.error()));
    return 1;
  }
  auto gre_socket = net::RawGreSocket::open_ipv4({});
  if (!gre_socket) {
    spdlog::error("{}", to_string(gre_socket.error()));
    return 1;
  }

  asio::io_context io;
  net::SystemRandom random;
  endpoint::Server server(std::move(*config), random,
                          std::make_shared<const ppp::ChapSecrets>(std::move(*secrets)));
  net::HookRunner hooks(io, settings.hooks);
  net::EndpointRuntime<endpoint::Server> runtime(io, server, {*gre_socket, tun->device, tun->netlink, &hooks},
                                                 settings.runtime.admission);
  ServerReloader reloader(command_line, settings, server_config, read_secrets, server, hooks);
  std::uint16_t tun_mtu = settings.data_path.mru;
  runtime.on_reload([&] {
    if (!reloader.reload()) return;
    const ServerSettings& next = reloader.running();
    runtime.set_admission_limits(next.runtime.admission);
    // A larger MRU lets new sessions' MTUs exceed the TUN's: it grows with
    // it (never shrinks: running sessions keep theirs).
    if (next.data_path.mru <= tun_mtu) return;
    if (auto done = tun->netlink.set_mtu(tun->device.index(), next.data_path.mru); !done) {
      spdlog::error("{}", to_string(done.error()));
      return;
    }
    tun_mtu = next.data_path.mru;
  });
  const std::vector<asio::ip::tcp::endpoint> defaults{{asio::ip::address_v4::any(), net::kPptpPort}};
  for (const auto& endpoint : settings.listen.empty() ? defaults : settings.listen) {
    if (auto bound = runtime.listen(endpoint); !bound) {
      spdlog::error("{}", bound.error());
      return 1;
    }
  }
  spdlog::info("data path on {} local={} pool={}", tun->device.name(), settings.local_ip, settings.pool);
  runtime.run();
  return 0;
}

Status<std::string> check_server_config(const ServerSettings& settings) {
  if (auto config = server_config(settings); !config) return Unexpected{config.error()};
  if (settings.secrets_file.empty()) return {};
  if (auto secrets = read_secrets(settings.secrets_file); !secrets) return Unexpected{secrets.error()};
  return {};
}

}  // namespace pptpkit::server
