// tun_tool's command line: the device to create and what to configure on it.
#pragma once

#include <asio/ip/address.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace pptpkit::e2e {

struct Prefix {
  asio::ip::address address;
  std::uint8_t length = 32;
};

struct TunToolOptions {
  std::string name;
  Prefix address;                         // this end, with its prefix length
  std::optional<asio::ip::address> peer;  // the other end of the point-to-point link
  std::uint32_t mtu = 1400;
  std::uint32_t txqueuelen = 1000;
  Prefix route;                    // via the device
  std::optional<Prefix> address6;  // an IPv6 address on the device
  std::optional<Prefix> route6;    // an IPv6 route via the device
  // A host kept on its current route, as the client keeps its server
  // before routing everything else into the tunnel.
  std::optional<asio::ip::address> pin;
  std::size_t headroom = 64;
  std::chrono::seconds duration{30};  // exits by then whatever happens
};

// Exits with CLI11's usage message on bad arguments.
TunToolOptions parse_options(int argc, char** argv);

}  // namespace pptpkit::e2e
