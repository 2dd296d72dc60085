#include "net/endpoint_text.h"

#include <fmt/format.h>

#include <charconv>

namespace pptpkit::net {

namespace {

Result<std::uint16_t, std::string> parse_port(std::string_view text, std::string_view whole) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value == 0 ||
      value > 65535) {
    return Unexpected{fmt::format("'{}': port must be a number from 1 to 65535", whole)};
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

Result<asio::ip::tcp::endpoint, std::string> parse_endpoint(std::string_view text,
                                                            std::uint16_t default_port) {
  std::string_view host = text;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return Unexpected{fmt::format("'{}': missing ']'", text)};
    host = text.substr(1, close - 1);
    const auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(':')) return Unexpected{fmt::format("'{}': expected ':PORT' after ']'", text)};
      port = rest.substr(1);
      if (port.empty()) return Unexpected{fmt::format("'{}': empty port", text)};
    }
  } else if (const auto colon = text.find(':'); colon != std::string_view::npos && text.rfind(':') == colon) {
    // Exactly one colon: IPv4 (or a name) with a port. More colons: bare IPv6.
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (port.empty()) return Unexpected{fmt::format("'{}': empty port", text)};
  }
  std::error_code error;
  const auto address = asio::ip::make_address(std::string(host), error);
  if (error) return Unexpected{fmt::format("'{}': '{}' is not an IPv4 or IPv6 address", text, host)};
  std::uint16_t number = default_port;
  if (!port.empty()) {
    auto parsed = parse_port(port, text);
    if (!parsed) return Unexpected{parsed.error()};
    number = *parsed;
  }
  return asio::ip::tcp::endpoint(address, number);
}

std::string to_string(const asio::ip::tcp::endpoint& endpoint) {
  const auto& address = endpoint.address();
  if (address.is_v6()) return fmt::format("[{}]:{}", address.to_string(), endpoint.port());
  return fmt::format("{}:{}", address.to_string(), endpoint.port());
}

std::uint32_t ipv4_host_order(const asio::ip::address& address) {
  if (address.is_v4()) return address.to_v4().to_uint();
  if (address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_uint();
  }
  return 0;
}

}  // namespace pptpkit::net
