#include "client/route_plan.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "endpoint/ipv4_text.h"

namespace pptpkit::client {

namespace {

std::uint32_t mask_of(std::uint8_t length) { return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length); }

// One decimal number of at most `max`, the whole of `text`.
std::optional<unsigned> parse_number(std::string_view text, unsigned max) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value > max) return std::nullopt;
  return value;
}

std::optional<std::uint32_t> parse_address(std::string_view text) {
  std::uint32_t address = 0;
  for (int i = 0; i < 4; ++i) {
    const auto dot = i < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return std::nullopt;
    const auto octet = parse_number(text.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    address = (address << 8) | *octet;
    text.remove_prefix(std::min(text.size(), dot + 1));
  }
  return address;
}

}  // namespace

Result<Ipv4Prefix, std::string> parse_ipv4_prefix(std::string_view text) {
  const auto slash = text.find('/');
  const auto address = parse_address(text.substr(0, slash));
  const auto length =
      slash == std::string_view::npos ? std::nullopt : parse_number(text.substr(slash + 1), 32);
  if (!address || !length) {
    return Unexpected{"\"" + std::string(text) + "\" is not an IPv4 prefix A.B.C.D/N"};
  }
  const Ipv4Prefix prefix{*address & mask_of(static_cast<std::uint8_t>(*length)),
                          static_cast<std::uint8_t>(*length)};
  if (prefix.network != *address) {
    return Unexpected{std::string(text) + " has host bits set (the network is " + to_string(prefix) + ")"};
  }
  return prefix;
}

std::string to_string(const Ipv4Prefix& prefix) {
  return endpoint::ipv4_text(prefix.network) + "/" + std::to_string(prefix.length);
}

bool contains(const Ipv4Prefix& prefix, std::uint32_t address) {
  return (address & mask_of(prefix.length)) == prefix.network;
}

Result<RoutePlan, std::string> plan_routes(const RouteSettings& settings, std::uint32_t server) {
  RoutePlan plan;
  plan.through_tunnel = settings.routes;
  if (settings.default_route) {
    plan.through_tunnel.push_back({0x00000000, 1});
    plan.through_tunnel.push_back({0x80000000, 1});
  }
  for (auto it = plan.through_tunnel.begin(); it != plan.through_tunnel.end(); ++it) {
    if (it->length == 0) return Unexpected{std::string("--route 0.0.0.0/0: use --default-route")};
    if (it->length == 32 && it->network == server) {
      return Unexpected{"--route " + to_string(*it) +
                        " is the server itself: its tunnel cannot run inside it"};
    }
    if (std::find(plan.through_tunnel.begin(), it, *it) != it) {
      return Unexpected{"route " + to_string(*it) +
                        " asked for twice (--default-route is 0.0.0.0/1 and 128.0.0.0/1)"};
    }
    if (contains(*it, server)) plan.pin_server = true;
  }
  return plan;
}

}  // namespace pptpkit::client
