// The --pool, --local-ip, --dns and --nbns texts: IPv4 addresses, and
// address pools as comma-separated ranges ("198.18.0.10-198.18.0.49") or CIDR
// prefixes ("198.18.0.0/24", every host but network and broadcast).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "endpoint/ip_pool.h"

namespace pptpkit::server {

// A dotted-quad IPv4 address in host order; the error names the text.
Result<std::uint32_t, std::string> parse_ipv4(std::string_view text);

Result<std::vector<endpoint::AddressRange>, std::string> parse_pool(std::string_view text);

// Name servers pushed to clients (IPCP, RFC 1877): at most a primary and a
// secondary.
struct NameServers {
  std::optional<std::uint32_t> primary;
  std::optional<std::uint32_t> secondary;
};
Result<NameServers, std::string> parse_name_servers(const std::vector<std::string>& texts);

}  // namespace pptpkit::server
