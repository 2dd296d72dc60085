#include <spdlog/spdlog.h>

#include <asio/io_context.hpp>
#include <fstream>

#include "client/client.h"
#include "endpoint/client.h"
#include "net/endpoint_runtime.h"
#include "net/endpoint_text.h"
#include "net/system_random.h"
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
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  std::error_code error;
  socket.connect(settings.server, error);
  if (error) {
    spdlog::error("connect to {} failed: {}", net::to_string(settings.server), error.message());
    return 1;
  }
  const std::uint32_t local = socket.local_endpoint().address().to_v4().to_uint();
  config->local_address = local;

  auto tun = net::TunDevice::create("pptp-c%d");
  if (!tun) {
    spdlog::error("{}", to_string(tun.error()));
    return 1;
  }
  auto netlink = net::Netlink::create();
  if (!netlink) {
    spdlog::error("{}", to_string(netlink.error()));
    return 1;
  }
  if (auto done = netlink->set_txqueuelen(tun->index(), 1000); !done) {
    spdlog::error("{}", to_string(done.error()));
    return 1;
  }
  auto gre_socket = net::RawGreSocket::open_ipv4({.local_address = gre::IpAddress::v4(local)});
  if (!gre_socket) {
    spdlog::error("{}", to_string(gre_socket.error()));
    return 1;
  }

  net::SystemRandom random;
  pptp::CallIdAllocator call_ids(random);
  endpoint::Client client(std::move(*config), random, call_ids);
  net::EndpointRuntime<endpoint::Client> runtime(io, client, {*gre_socket, *tun, *netlink});
  spdlog::info("connected to {} dev={}", net::to_string(settings.server), tun->name());
  runtime.add_connection(std::move(socket));
  return runtime.run() ? 0 : 1;
}

Status<std::string> check_client_config(const ClientSettings& settings) {
  if (settings.user.empty()) return {};
  if (auto config = client_config(settings); !config) return Unexpected{config.error()};
  return {};
}

}  // namespace pptpkit::client
