#include "tools/link_layer.h"

namespace pptpkit::tools {
namespace {

constexpr std::size_t kEthernetHeaderSize = 14;
constexpr std::size_t kVlanTagSize = 4;
constexpr std::size_t kSllHeaderSize = 16;
constexpr std::size_t kSll2HeaderSize = 20;

// 802.1Q, 802.1ad (QinQ) and the pre-standard 0x9100 outer tag.
bool is_vlan_tag(std::uint16_t ethertype) {
  return ethertype == 0x8100 || ethertype == 0x88A8 || ethertype == 0x9100;
}

// Tags can be stacked; each one holds its TCI and the next EtherType.
Result<NetworkPacket, LinkError> skip_vlan_tags(std::uint16_t ethertype, ByteReader& r) {
  while (is_vlan_tag(ethertype)) {
    r.skip(2);  // TCI: priority, DEI, VLAN ID
    ethertype = r.u16();
    if (!r.ok()) return Unexpected{LinkError::kTruncated};
  }
  return NetworkPacket{.ethertype = ethertype, .payload = r.rest()};
}

Result<NetworkPacket, LinkError> strip_ethernet(Bytes frame) {
  if (frame.size() < kEthernetHeaderSize) return Unexpected{LinkError::kTruncated};
  ByteReader r(frame);
  r.skip(12);  // destination and source MAC
  const std::uint16_t ethertype = r.u16();
  return skip_vlan_tags(ethertype, r);
}

// Linux cooked capture v1: packet type, ARPHRD type, address length,
// 8 address octets, protocol (an EtherType for the families decode cares for).
Result<NetworkPacket, LinkError> strip_sll(Bytes frame) {
  if (frame.size() < kSllHeaderSize) return Unexpected{LinkError::kTruncated};
  ByteReader r(frame);
  r.skip(14);
  const std::uint16_t protocol = r.u16();
  return skip_vlan_tags(protocol, r);
}

// Linux cooked capture v2: protocol first, then reserved, interface index,
// ARPHRD type, packet type, address length and 8 address octets.
Result<NetworkPacket, LinkError> strip_sll2(Bytes frame) {
  if (frame.size() < kSll2HeaderSize) return Unexpected{LinkError::kTruncated};
  ByteReader r(frame);
  const std::uint16_t protocol = r.u16();
  r.skip(18);
  return skip_vlan_tags(protocol, r);
}

// Raw IP carries no type field: the IP version nibble tells.
Result<NetworkPacket, LinkError> strip_raw(Bytes frame) {
  if (frame.empty()) return Unexpected{LinkError::kTruncated};
  switch (frame[0] >> 4) {
    case 4:
      return NetworkPacket{.ethertype = kEtherTypeIpv4, .payload = frame};
    case 6:
      return NetworkPacket{.ethertype = kEtherTypeIpv6, .payload = frame};
    default:
      return Unexpected{LinkError::kUnknownIpVersion};
  }
}

}  // namespace

std::string_view to_string(LinkError e) {
  switch (e) {
    case LinkError::kTruncated:
      return "frame shorter than its link-layer header";
    case LinkError::kUnknownIpVersion:
      return "raw IP frame with an IP version other than 4 or 6";
    case LinkError::kUnsupportedLinkType:
      return "unsupported link type";
  }
  return "unknown error";
}

bool is_supported_link_type(int link_type) {
  switch (link_type) {
    case kLinkEthernet:
    case kLinkRaw:
    case kLinkLinuxSll:
    case kLinkIpv4:
    case kLinkIpv6:
    case kLinkLinuxSll2:
      return true;
    default:
      return false;
  }
}

Result<NetworkPacket, LinkError> strip_link_layer(int link_type, Bytes frame) {
  switch (link_type) {
    case kLinkEthernet:
      return strip_ethernet(frame);
    case kLinkLinuxSll:
      return strip_sll(frame);
    case kLinkLinuxSll2:
      return strip_sll2(frame);
    case kLinkRaw:
      return strip_raw(frame);
    case kLinkIpv4:
      return NetworkPacket{.ethertype = kEtherTypeIpv4, .payload = frame};
    case kLinkIpv6:
      return NetworkPacket{.ethertype = kEtherTypeIpv6, .payload = frame};
    default:
      return Unexpected{LinkError::kUnsupportedLinkType};
  }
}

}  // namespace pptpkit::tools
