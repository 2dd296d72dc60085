#include "bad_traffic.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "net/system_error.h"
#include "payload.h"
#include "wire/gre_v0.h"
#include "wire/gre_v1.h"
#include "wire/ipv4.h"

namespace pptpkit::e2e {
namespace {

constexpr std::size_t kPayloadSize = 64;
constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;

Bytes build_v1(MutableBytes slot, std::uint16_t call_id, std::uint32_t number) {
  const wire::GreV1Header header{kPayloadSize, call_id, number + 1, std::nullopt};
  const std::size_t size = *wire::encode_gre_v1(header, slot);
  write_payload(slot.subspan(size, kPayloadSize), call_id, number);
  return slot.first(size + kPayloadSize);
}

// RFC 2784 GRE carrying a small IPv4 datagram between two documentation
// addresses (protocol 253, for experiments: RFC 3692), so a capture of it
// dissects cleanly.
Bytes build_v0(MutableBytes slot) {
  const wire::GreV0Header header{false, std::nullopt, std::nullopt, kEtherTypeIpv4};
  const std::size_t size = wire::header_size(header);
  constexpr std::size_t kInnerPayload = 16;
  const MutableBytes inner = slot.subspan(size, wire::kIpv4HeaderSize + kInnerPayload);
  wire::Ipv4Header ip;
  ip.total_length = static_cast<std::uint16_t>(inner.size());
  ip.protocol = 253;
  ip.source_address = 0xC6336401;       // 198.51.100.1
  ip.destination_address = 0xC6336402;  // 198.51.100.2
  (void)wire::encode_ipv4_header(ip, inner);
  std::fill(inner.begin() + wire::kIpv4HeaderSize, inner.end(), std::uint8_t{0xA5});
  (void)wire::encode_gre_v0(header, inner, slot);
  return slot.first(size + inner.size());
}

// Sends the batch, waiting a little whenever the send buffer is full; bounded.
bool send_all(net::RawGreSocket& socket, net::PacketBatch& batch) {
  for (int attempt = 0; attempt < 1000 && !batch.empty(); ++attempt) {
    const auto sent = socket.send(batch);
    if (!sent) {
      std::cerr << "gre_peer: " << net::to_string(sent.error().error) << '\n';
      return false;
    }
    if (!batch.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return batch.empty();
}

}  // namespace

int send_bad_traffic(const Options& options, net::RawGreSocket& socket) {
  net::PacketBatch batch(3 * options.bad_count);
  for (const CallSpec& target : options.calls) {
    for (unsigned i = 0; i < options.bad_count; ++i) {
      batch.queue(build_v1(batch.free_slot(), options.unknown_call, i), target.peer_address);
      batch.queue(build_v1(batch.free_slot(), target.peer_call_id, i), target.peer_address);
      batch.queue(build_v0(batch.free_slot()), target.peer_address);
    }
    if (!send_all(socket, batch)) return 1;
  }
  std::printf(
      "{\"mode\": \"bad\", \"targets\": %zu, \"unknown_call\": %u, \"wrong_peer\": %u, \"gre_v0\": %u}\n",
      options.calls.size(), options.bad_count, options.bad_count, options.bad_count);
  return 0;
}

}  // namespace pptpkit::e2e
