#include "server/pool_text.h"

#include <asio/ip/address_v4.hpp>
#include <charconv>

namespace pptpkit::server {

Result<std::uint32_t, std::string> parse_ipv4(std::string_view text) {
  std::error_code error;
  const auto address = asio::ip::make_address_v4(std::string(text), error);
  if (error) return Unexpected{"not an IPv4 address: \"" + std::string(text) + "\""};
  return address.to_uint();
}

namespace {

Result<endpoint::AddressRange, std::string> parse_item(std::string_view item) {
  if (const auto dash = item.find('-'); dash != std::string_view::npos) {
    auto first = parse_ipv4(item.substr(0, dash));
    if (!first) return Unexpected{first.error()};
    auto last = parse_ipv4(item.substr(dash + 1));
    if (!last) return Unexpected{last.error()};
    if (*last < *first) return Unexpected{"empty range: \"" + std::string(item) + "\""};
    return endpoint::AddressRange{*first, *last};
  }
  if (const auto slash = item.find('/'); slash != std::string_view::npos) {
    auto address = parse_ipv4(item.substr(0, slash));
    if (!address) return Unexpected{address.error()};
    const std::string_view length_text = item.substr(slash + 1);
    unsigned length = 0;
    const auto [end, error] =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (error != std::errc{} || end != length_text.data() + length_text.size() || length > 32) {
      return Unexpected{"bad prefix length: \"" + std::string(item) + "\""};
    }
    return endpoint::AddressRange::from_prefix({*address, static_cast<std::uint8_t>(length)});
  }
  auto address = parse_ipv4(item);
  if (!address) return Unexpected{address.error()};
  return endpoint::AddressRange{*address, *address};
}

}  // namespace

Result<std::vector<endpoint::AddressRange>, std::string> parse_pool(std::string_view text) {
  std::vector<endpoint::AddressRange> ranges;
  for (;;) {
    const auto comma = text.find(',');
    auto range = parse_item(text.substr(0, comma));
    if (!range) return Unexpected{range.error()};
    ranges.push_back(*range);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return ranges;
}

Result<NameServers, std::string> parse_name_servers(const std::vector<std::string>& texts) {
  if (texts.size() > 2) return Unexpected{std::string("at most two servers (a primary and a secondary)")};
  NameServers servers;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto address = parse_ipv4(texts[i]);
    if (!address) return Unexpected{address.error()};
    (i == 0 ? servers.primary : servers.secondary) = *address;
  }
  return servers;
}

}  // namespace pptpkit::server
