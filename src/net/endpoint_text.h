// Text forms of TCP endpoints for flags, configuration and log lines:
// "192.0.2.1", "192.0.2.1:1723", "[2001:db8::1]:1723", "[2001:db8::1]" and a
// bare "2001:db8::1" (no port: a colon-separated IPv6 address cannot carry
// one without brackets).
#pragma once

#include <asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace pptpkit::net {

// The TCP port of PPTP control connections (RFC 2637 section 2).
inline constexpr std::uint16_t kPptpPort = 1723;

// Parses ADDR[:PORT]; `default_port` when no port is given. Host names are
// not resolved. The error names what is wrong with `text`.
Result<asio::ip::tcp::endpoint, std::string> parse_endpoint(std::string_view text,
                                                            std::uint16_t default_port = kPptpPort);

// "192.0.2.1:1723" or "[2001:db8::1]:1723" (parse_endpoint reads it back).
std::string to_string(const asio::ip::tcp::endpoint& endpoint);

// The address in host byte order when it is IPv4 (or IPv4-mapped IPv6), else
// 0: what pptp::ConnectionConfig takes for the collision rule.
std::uint32_t ipv4_host_order(const asio::ip::address& address);

}  // namespace pptpkit::net
