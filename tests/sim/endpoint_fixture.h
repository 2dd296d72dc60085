// Configurations and IP packets shared by the endpoint tests: a server with
// a 198.18.0.0/20 pool on 192.0.2.1, clients on the documentation ranges,
// chap-secrets for user0..user9, and UDP-like IPv4 packets whose payload
// names the sender and a sequence number, so content can be checked; the
// events of one kind among those an endpoint reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "endpoint/config.h"
#include "endpoint/events.h"
#include "ppp/secrets.h"
#include "wire/ipv4.h"

namespace pptpkit::sim {

inline constexpr std::uint32_t kServerAddress = 0xC0000201;  // 192.0.2.1
inline constexpr std::uint32_t kTunnelLocal = 0xC6120001;    // 198.18.0.1
inline constexpr std::uint32_t kInsideHost = 0xC6130001;     // 198.19.0.1, behind the server's TUN

// The i-th client address: 192.0.2.2-254, 198.51.100.1-254, 203.0.113.1-254, then again.
inline std::uint32_t client_address(std::size_t i) {
  const std::size_t slot = i % 761;
  if (slot < 253) return 0xC0000202 + static_cast<std::uint32_t>(slot);
  if (slot < 507) return 0xC6336401 + static_cast<std::uint32_t>(slot - 253);
  return 0xCB007101 + static_cast<std::uint32_t>(slot - 507);
}

// The events of type E among `events`, in order.
template <class E>
std::vector<E> all_of(const std::vector<endpoint::Event>& events) {
  std::vector<E> found;
  for (const auto& e : events) {
    if (const auto* x = std::get_if<E>(&e)) found.push_back(*x);
  }
  return found;
}

inline ppp::ChapSecrets fixture_secrets() {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "user" + std::to_string(i) + " * secret" + std::to_string(i) + " *\n";
  auto parsed = ppp::parse_chap_secrets(text);
  if (!parsed) throw std::logic_error("fixture secrets do not parse");
  return *parsed;
}

inline endpoint::ServerConfig fixture_server_config() {
  endpoint::ServerConfig config;
  config.local_address = kServerAddress;
  config.pool.local = kTunnelLocal;
  config.pool.ranges = {endpoint::AddressRange::from_prefix({0xC6120000, 20})};
  config.pool.primary_dns = kTunnelLocal;
  config.limits.max_sessions = 4096;
  config.call_ids.max_calls = 4096;
  return config;
}

inline endpoint::ClientConfig fixture_client_config(std::size_t i) {
  endpoint::ClientConfig config;
  config.local_address = client_address(i);
  config.server_address = kServerAddress;
  config.link.user = "user" + std::to_string(i % 10);
  config.link.password = "secret" + std::to_string(i % 10);
  return config;
}

// An IPv4 packet (protocol 17) whose payload is `size` octets derived from
// `tag` and `sequence`.
inline std::vector<std::uint8_t> make_packet(std::uint32_t source, std::uint32_t destination,
                                             std::uint32_t tag, std::uint32_t sequence,
                                             std::size_t size = 200) {
  std::vector<std::uint8_t> packet(wire::kIpv4HeaderSize + size);
  wire::Ipv4Header header;
  header.total_length = static_cast<std::uint16_t>(packet.size());
  header.protocol = 17;
  header.source_address = source;
  header.destination_address = destination;
  (void)wire::encode_ipv4_header(header, packet);
  for (std::size_t k = 0; k < size; ++k) {
    packet[wire::kIpv4HeaderSize + k] = static_cast<std::uint8_t>((tag * 31 + sequence * 7 + k) & 0xFF);
  }
  for (int b = 0; b < 4; ++b) {
    packet[wire::kIpv4HeaderSize + static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(tag >> (8 * b));
    packet[wire::kIpv4HeaderSize + 4 + static_cast<std::size_t>(b)] =
        static_cast<std::uint8_t>(sequence >> (8 * b));
  }
  return packet;
}

// The tag and sequence of a packet make_packet() built, if its content is intact.
struct PacketMark {
  std::uint32_t tag = 0;
  std::uint32_t sequence = 0;
};
inline std::optional<PacketMark> read_packet(const std::vector<std::uint8_t>& packet) {
  const auto ip = wire::decode_ipv4(packet);
  if (!ip || ip->payload.size() < 8) return std::nullopt;
  PacketMark mark;
  for (int b = 0; b < 4; ++b) {
    mark.tag |= std::uint32_t{ip->payload[static_cast<std::size_t>(b)]} << (8 * b);
    mark.sequence |= std::uint32_t{ip->payload[4 + static_cast<std::size_t>(b)]} << (8 * b);
  }
  const auto expected = make_packet(ip->header.source_address, ip->header.destination_address, mark.tag,
                                    mark.sequence, ip->payload.size());
  if (expected != packet) return std::nullopt;
  return mark;
}

}  // namespace pptpkit::sim
