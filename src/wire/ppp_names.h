// Names of PPP protocols, packet codes and option types for logs and the
// decode tool. Option names are pppd's short ones (`mru`, `magic`, ...) so
// format_option's output reads like pppd's debug log.
#pragma once

#include <cstdint>
#include <string_view>

namespace pptpkit::wire {

// What the functions below return for a value they do not know.
inline constexpr std::string_view kPppUnknownName = "unknown";

// "LCP", "PAP", "CHAP", "IPCP", "IPV6CP", "CCP", "CBCP", "IPv4", "IPv6",
// "Compressed datagram", else "unknown".
std::string_view ppp_protocol_name(std::uint16_t protocol);

// The RFC's name of `code` in `protocol`'s packets (RFC 1661 5 and RFC 1570
// for LCP; RFC 1332, RFC 5072 for the NCPs; RFC 1962 for CCP; RFC 1334,
// RFC 1994, MS-CBCP), else "unknown".
std::string_view ppp_code_name(std::uint16_t protocol, std::uint8_t code);

// pppd's short name of option `type` of control protocol `protocol`, else
// "unknown".
std::string_view ppp_option_name(std::uint16_t protocol, std::uint8_t type);

}  // namespace pptpkit::wire
