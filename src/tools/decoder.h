// Turns capture frames into Decoded events: link layer, IPv4, the PPTP
// control connection (TCP port 1723, reassembled per direction) and GRE.
// Pure: fed records, it calls back with what they contain, in frame order.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "tools/decoded.h"
#include "tools/pcap_file.h"
#include "tools/tcp_reassembly.h"
#include "wire/ipv4.h"
#include "wire/tcp_header.h"

namespace pptpkit::tools {

class Decoder {
 public:
  using Callback = std::function<void(const Decoded&)>;

  // `link_type` is the capture's DLT_ value; see is_supported_link_type().
  explicit Decoder(int link_type, std::size_t max_held_bytes = TcpReassembler::kDefaultMaxHeldBytes)
      : link_type_(link_type), max_held_bytes_(max_held_bytes) {}

  // Decodes one frame; `emit` is called once per control message completed
  // by it, per GRE packet, or per problem found.
  void feed(const PcapRecord& record, const Callback& emit);

 private:
  // One direction of a TCP connection, identified by its 4-tuple.
  struct FlowKey {
    std::uint32_t source_address = 0;
    std::uint32_t destination_address = 0;
    std::uint16_t source_port = 0;
    std::uint16_t destination_port = 0;
    auto operator<=>(const FlowKey&) const = default;
  };
  struct Flow {
    explicit Flow(std::size_t max_held) : reassembler(max_held) {}
    TcpReassembler reassembler;
    std::vector<std::uint8_t> buffer;  // reassembled bytes not yet framed
    bool stopped = false;              // the stream lost sync; its messages are no longer decoded
  };

  void on_tcp(const PacketInfo& info, const wire::Ipv4Packet& ip, const Callback& emit);
  void on_stream_data(const PacketInfo& info, Flow& flow, const Callback& emit);
  void on_gre(const PacketInfo& info, const wire::Ipv4Packet& ip, const Callback& emit);

  int link_type_;
  std::size_t max_held_bytes_;
  std::map<FlowKey, Flow> flows_;
};

}  // namespace pptpkit::tools
