// A whole server endpoint fed arbitrary TCP bytes, GRE datagrams, TUN
// packets, closes, time advances and a shutdown. Input: records of
// [kind][length][octets]:
//   0 accept connection octets[0] % 4 from 192.0.2.(2 + id)
//   1 TCP bytes on connection octets[0] % 4 (the rest of the octets)
//   2 TCP closed on connection octets[0] % 4
//   3 GRE packet (the octets) wrapped in IPv4 from 192.0.2.(2 + octets[0] % 4)
//   4 raw datagram (the octets as the raw socket returned them)
//   5 TUN packet
//   6 advance the clock by octets[0] tenths of a second and run the timers
//   7 shutdown
// After each record every output is drained and the tables' invariants checked.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/random.h"
#include "endpoint/server.h"
#include "ppp/secrets.h"
#include "ppp_fuzz_check.h"
#include "wire/ipv4.h"

using namespace pptpkit;
using namespace pptpkit::endpoint;

namespace {

constexpr std::uint32_t kServer = 0xC0000201;

ServerConfig fuzz_config() {
  ServerConfig config;
  config.local_address = kServer;
  config.pool.local = 0xC6120001;
  config.pool.ranges = {AddressRange::from_prefix({0xC6120000, 29})};
  config.limits.max_sessions = 3;
  config.limits.max_sessions_per_user = 2;
  config.link.lcp.auth_methods = {ppp::AuthMethod::kMsChapV2, ppp::AuthMethod::kPap};
  return config;
}

std::vector<std::uint8_t> wrap_gre(std::uint32_t source, Bytes gre) {
  std::vector<std::uint8_t> datagram(wire::kIpv4HeaderSize + gre.size());
  wire::Ipv4Header ip;
  ip.total_length = static_cast<std::uint16_t>(datagram.size());
  ip.protocol = wire::kIpProtocolGre;
  ip.source_address = source;
  ip.destination_address = kServer;
  (void)wire::encode_ipv4_header(ip, datagram);
  std::copy(gre.begin(), gre.end(), datagram.begin() + wire::kIpv4HeaderSize);
  return datagram;
}

void drain_and_check(Server& server, Timestamp now) {
  while (server.poll_tcp_out()) {
  }
  // Every GRE packet leaves from the address its tunnel was accepted on.
  while (const auto packet = server.poll_gre_out()) fuzz::require(packet->source == kServer);
  while (server.poll_tun_out()) {
  }
  while (server.poll_event()) {
  }
  fuzz::require(server.session_count() <= 3);
  fuzz::require(server.pool().in_use() <= server.session_count());
  fuzz::require(server.routes().size() <= server.session_count());
  if (const auto deadline = server.next_deadline()) fuzz::require(*deadline >= now - std::chrono::hours(1));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ppp::ChapSecrets secrets =
      *ppp::parse_chap_secrets("alice * wonderland *\nbob * builder 198.18.0.5\n");
  SeededRandom random(size);
  Server server(fuzz_config(), random, secrets);
  Timestamp now{};
  std::size_t pos = 0;
  while (pos + 2 <= size) {
    const std::uint8_t kind = data[pos] % 8;
    const std::size_t length = std::min<std::size_t>(data[pos + 1], size - pos - 2);
    const Bytes octets(data + pos + 2, length);
    pos += 2 + length;
    const std::uint8_t first = octets.empty() ? 0 : octets[0];
    const ConnectionId connection = first % 4;
    switch (kind) {
      case 0:
        server.on_tcp_accepted(now, connection, 0xC0000202 + static_cast<std::uint32_t>(connection), kServer);
        break;
      case 1:
        server.on_tcp_bytes(now, connection, octets.empty() ? octets : octets.subspan(1));
        break;
      case 2:
        server.on_tcp_closed(now, connection);
        break;
      case 3:
        server.on_gre_datagram(now, wrap_gre(0xC0000202 + static_cast<std::uint32_t>(connection),
                                             octets.empty() ? octets : octets.subspan(1)));
        break;
      case 4:
        server.on_gre_datagram(now, octets);
        break;
      case 5:
        server.on_tun_packet(now, octets);
        break;
      case 6:
        now += std::chrono::milliseconds(100) * first;
        server.on_timeout(now);
        break;
      default:
        server.shutdown(now);
        break;
    }
    drain_and_check(server, now);
  }
  // Whatever state it is in, a shutdown finishes within its timeout.
  server.shutdown(now);
  drain_and_check(server, now);
  for (int i = 0; i < 64 && !server.finished(); ++i) {
    const auto deadline = server.next_deadline();
    fuzz::require(deadline.has_value());
    now = std::max(now, *deadline);
    server.on_timeout(now);
    drain_and_check(server, now);
  }
  fuzz::require(server.finished());
  fuzz::require(server.pool().in_use() == 0);
  return 0;
}
