// Strips the link-layer header of a captured frame down to the network-layer
// packet. Pure: works on the bytes of one frame and the file's link type.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace pptpkit::tools {

inline constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr std::uint16_t kEtherTypeIpv6 = 0x86DD;

// Link types (the DLT_ values libpcap reports) decode understands. libpcap
// maps a file's LINKTYPE_RAW (101) to the platform's DLT_RAW, 12 on Linux.
inline constexpr int kLinkEthernet = 1;     // DLT_EN10MB
inline constexpr int kLinkRaw = 12;         // DLT_RAW (LINKTYPE_RAW 101 in files)
inline constexpr int kLinkLinuxSll = 113;   // DLT_LINUX_SLL
inline constexpr int kLinkIpv4 = 228;       // DLT_IPV4 / LINKTYPE_IPV4
inline constexpr int kLinkIpv6 = 229;       // DLT_IPV6 / LINKTYPE_IPV6
inline constexpr int kLinkLinuxSll2 = 276;  // DLT_LINUX_SLL2

enum class LinkError : std::uint8_t {
  kTruncated,         // the frame is shorter than its link-layer header
  kUnknownIpVersion,  // a raw-IP frame whose version nibble is neither 4 nor 6
  kUnsupportedLinkType,
};

std::string_view to_string(LinkError e);

bool is_supported_link_type(int link_type);

// The network-layer packet inside a frame: its EtherType (IPv4 0x0800,
// IPv6 0x86DD, ARP, ...) and bytes. Link-layer padding stays in `payload`;
// the IP layer trims it with its total length.
struct NetworkPacket {
  std::uint16_t ethertype = 0;
  Bytes payload;
};

// Removes the Ethernet II header and any 802.1Q / 802.1ad VLAN tags, the
// Linux cooked header (SLL, SLL2), or nothing for raw IP.
Result<NetworkPacket, LinkError> strip_link_layer(int link_type, Bytes frame);

}  // namespace pptpkit::tools
