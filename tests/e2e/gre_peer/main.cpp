// gre_peer: PPTP data channels between two network namespaces over a raw
// GRE socket (IPv4, or IPv6 when the calls' addresses are), for
// tests/e2e/test_gre_netns.py and bench/gre_throughput.py.
// Prints one JSON summary line on stdout; errors go to stderr.
#include <iostream>

#include "bad_traffic.h"
#include "channel_peer.h"
#include "net/raw_gre_socket.h"
#include "net/system_error.h"
#include "options.h"
#include "raw_peer.h"

int main(int argc, char** argv) {
  using namespace pptpkit;
  const e2e::Options options = e2e::parse_options(argc, argv);
  const net::RawGreSocketOptions socket_options{options.local_address};
  auto socket = options.calls.front().peer_address.family() == gre::IpAddress::Family::kIpv6
                    ? net::RawGreSocket::open_ipv6(socket_options)
                    : net::RawGreSocket::open_ipv4(socket_options);
  if (!socket) {
    std::cerr << "gre_peer: " << net::to_string(socket.error()) << '\n';
    return 2;
  }
  switch (options.mode) {
    case e2e::Mode::kBad:
      return e2e::send_bad_traffic(options, *socket);
    case e2e::Mode::kRaw:
      e2e::RawPeer(options, std::move(*socket)).run();
      return 0;
    case e2e::Mode::kChannel:
      e2e::ChannelPeer(options, std::move(*socket)).run();
      return 0;
  }
  return 1;
}
