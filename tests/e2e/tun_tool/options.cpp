#include "options.h"

#include <CLI/CLI.hpp>
#include <charconv>

namespace pptpkit::e2e {
namespace {

// "198.18.0.99/32"; CLI11 reports the throw as a bad value.
Prefix parse_prefix(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw CLI::ValidationError("prefix", text + " has no /length");
  Prefix prefix{.address = asio::ip::make_address(text.substr(0, slash)), .length = 0};
  const char* first = text.data() + slash + 1;
  const auto [end, error] = std::from_chars(first, text.data() + text.size(), prefix.length);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw CLI::ValidationError("prefix", text + " has a bad length");
  }
  return prefix;
}

}  // namespace

TunToolOptions parse_options(int argc, char** argv) {
  TunToolOptions options;
  std::string address = "198.18.0.1/32";
  std::string peer;
  std::string route = "198.18.0.99/32";
  std::string address6;
  std::string route6;
  std::string pin;
  int duration = 30;
  CLI::App app("tun_tool: a configured TUN that answers pings (tests/e2e/test_tun_netlink.py)");
  app.add_option("--name", options.name, "device name, may hold %d")->default_val("pptp-t%d");
  app.add_option("--address", address, "local address/prefix length")->capture_default_str();
  app.add_option("--peer", peer, "point-to-point peer address");
  app.add_option("--mtu", options.mtu)->capture_default_str();
  app.add_option("--txqueuelen", options.txqueuelen)->capture_default_str();
  app.add_option("--route", route, "route via the device, address/prefix length")->capture_default_str();
  app.add_option("--address6", address6, "IPv6 address/prefix length on the device");
  app.add_option("--route6", route6, "IPv6 route via the device");
  app.add_option("--pin", pin, "host to pin with a /32 (or /128) on its current route");
  app.add_option("--headroom", options.headroom, "free octets in front of each packet read")
      ->capture_default_str();
  app.add_option("--duration", duration, "seconds before exiting regardless")->capture_default_str();
  try {
    app.parse(argc, argv);
    options.address = parse_prefix(address);
    options.route = parse_prefix(route);
    if (!peer.empty()) options.peer = asio::ip::make_address(peer);
    if (!address6.empty()) options.address6 = parse_prefix(address6);
    if (!route6.empty()) options.route6 = parse_prefix(route6);
    if (!pin.empty()) options.pin = asio::ip::make_address(pin);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e));
  } catch (const std::system_error& e) {  // asio::ip::make_address
    std::exit(app.exit(CLI::ValidationError("address", e.what())));
  }
  options.duration = std::chrono::seconds(duration);
  return options;
}

}  // namespace pptpkit::e2e
