// What `pptpkit decode` finds in one frame, before it is printed. Views
// (Bytes, string_view) inside point into the frame or into a stream's
// buffer, so a Decoded is valid only during the callback that receives it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tools/pcap_file.h"
#include "wire/gre_dispatch.h"
#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_options.h"
#include "wire/pptp_messages.h"

namespace pptpkit::tools {

// Where and when: the frame, and its IPv4 addresses once the IP header was
// understood (link-layer errors come without).
struct PacketInfo {
  std::uint64_t frame = 0;
  Timestamp time;
  std::optional<std::uint32_t> source_address;
  std::optional<std::uint32_t> destination_address;
};

// One control message, framed from the reassembled TCP stream.
struct PptpEvent {
  wire::PptpMessage message;
};

// The PPP frame a GRE packet carries, as far as decode understands it.
struct PppDecoded {
  wire::PppFrame frame;
  // Control protocols (LCP, PAP, CHAP, CBCP, IPCP, IPV6CP, CCP) only.
  std::optional<wire::PppControlPacket> control;
  // Configure-Request/Ack/Nak/Reject of the protocols that negotiate options.
  std::vector<wire::PppOption> options;
};

struct GreEvent {
  wire::GreDispatch gre;
  std::optional<PppDecoded> ppp;  // absent for an empty (acknowledgment-only) packet or GRE v0
};

// A frame, segment or stream message that could not be decoded.
struct ErrorEvent {
  std::string error;
};

struct Decoded {
  PacketInfo info;
  std::variant<PptpEvent, GreEvent, ErrorEvent> event;
};

// Dotted quad of an address held in host order, as the IPv4 decoder gives it.
std::string ipv4_to_string(std::uint32_t address);

}  // namespace pptpkit::tools
