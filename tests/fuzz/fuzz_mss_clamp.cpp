// clamp_tcp_mss on arbitrary datagrams: the first two octets are the limit,
// the rest the packet. It must never read or write outside the packet, must
// change only the MSS value and the TCP checksum, and a segment whose
// checksum verified before must still verify (checked with a full sum).
#include <cstdlib>
#include <vector>

#include "wire/inet_checksum.h"
#include "wire/ipv4.h"
#include "wire/tcp_mss_clamp.h"

using namespace pptpkit;

namespace {

// Whether the TCP checksum of the datagram in `packet` verifies: the sum
// over pseudo-header and segment, checksum included, is all ones.
bool tcp_checksum_verifies(Bytes packet) {
  const auto ip = wire::decode_ipv4(packet);
  if (!ip) std::abort();  // only called on packets clamp_tcp_mss parsed
  const std::size_t length = ip->payload.size();
  const std::uint8_t pseudo[12] = {packet[12],
                                   packet[13],
                                   packet[14],
                                   packet[15],
                                   packet[16],
                                   packet[17],
                                   packet[18],
                                   packet[19],
                                   0,
                                   wire::kIpProtocolTcp,
                                   static_cast<std::uint8_t>(length >> 8),
                                   static_cast<std::uint8_t>(length)};
  return wire::inet_checksum(ip->payload, wire::inet_sum(pseudo)) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const auto limit = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
  const std::vector<std::uint8_t> before(data + 2, data + size);
  std::vector<std::uint8_t> packet = before;
  const bool verified = wire::decode_ipv4(before) && tcp_checksum_verifies(before);

  const wire::MssClamp result = wire::clamp_tcp_mss(packet, limit);
  if (result != wire::MssClamp::kClamped) {
    if (packet != before) std::abort();
    return 0;
  }
  const std::size_t tcp = wire::kIpv4HeaderSize + wire::decode_ipv4(before)->options.size();
  std::size_t changed = 0;
  bool outside = false;
  for (std::size_t i = 0; i < packet.size(); ++i) {
    if (packet[i] == before[i]) continue;
    ++changed;
    // Only the checksum (segment octets 16-17) and two octets of the option
    // area (the MSS value) may differ.
    if (i != tcp + 16 && i != tcp + 17 && i < tcp + 22) outside = true;
  }
  if (outside || changed > 4) std::abort();
  if (verified && !tcp_checksum_verifies(packet)) std::abort();
  return 0;
}
