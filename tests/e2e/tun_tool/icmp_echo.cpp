#include "icmp_echo.h"

#include <algorithm>

#include "wire/inet_checksum.h"
#include "wire/ipv4.h"

namespace pptpkit::e2e {
namespace {

constexpr std::uint8_t kIpProtocolIcmp = 1;
constexpr std::uint8_t kIcmpEchoReply = 0;
constexpr std::uint8_t kIcmpEchoRequest = 8;
constexpr std::size_t kSourceAddressOffset = 12;
constexpr std::size_t kIcmpChecksumOffset = 2;

}  // namespace

bool reflect_echo_request(MutableBytes packet) {
  const auto ip = wire::decode_ipv4(packet);
  if (!ip || ip->header.protocol != kIpProtocolIcmp || ip->header.is_fragment()) return false;
  if (ip->payload.size() < 8 || ip->payload[0] != kIcmpEchoRequest) return false;
  // Swapping the addresses leaves the IPv4 header checksum valid: the same
  // words are summed in another order.
  std::swap_ranges(packet.begin() + kSourceAddressOffset, packet.begin() + kSourceAddressOffset + 4,
                   packet.begin() + kSourceAddressOffset + 4);
  const MutableBytes icmp = packet.subspan(wire::kIpv4HeaderSize + ip->options.size(), ip->payload.size());
  icmp[0] = kIcmpEchoReply;
  icmp[kIcmpChecksumOffset] = icmp[kIcmpChecksumOffset + 1] = 0;
  const std::uint16_t checksum = wire::inet_checksum(icmp);
  icmp[kIcmpChecksumOffset] = static_cast<std::uint8_t>(checksum >> 8);
  icmp[kIcmpChecksumOffset + 1] = static_cast<std::uint8_t>(checksum);
  return true;
}

}  // namespace pptpkit::e2e
