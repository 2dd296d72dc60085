// Builds Ethernet/IPv4/TCP and GRE frames for the decode tool's tests with
// the wire encoders, so the tests feed the decoder what a capture holds.
#pragma once

#include <cstdint>
#include <vector>

#include "base/bytes.h"
#include "tools/pcap_file.h"
#include "wire/gre_v1.h"
#include "wire/ipv4.h"
#include "wire/pptp_codec.h"

namespace pptpkit::tools::testing {

using Packet = std::vector<std::uint8_t>;

inline constexpr std::uint32_t kClient = 0xC0000202;  // 192.0.2.2
inline constexpr std::uint32_t kServer = 0xC0000201;  // 192.0.2.1

inline Packet ethernet_ipv4(std::uint32_t source, std::uint32_t destination, std::uint8_t protocol,
                            const Packet& payload) {
  Packet frame(14 + wire::kIpv4HeaderSize + payload.size());
  ByteWriter eth(frame);
  eth.zeros(12);  // MAC addresses do not matter to decode
  eth.u16(0x0800);
  const wire::Ipv4Header ip{
      .total_length = static_cast<std::uint16_t>(wire::kIpv4HeaderSize + payload.size()),
      .protocol = protocol,
      .source_address = source,
      .destination_address = destination};
  (void)wire::encode_ipv4_header(ip, MutableBytes(frame).subspan(14));
  std::copy(payload.begin(), payload.end(), frame.begin() + 14 + wire::kIpv4HeaderSize);
  return frame;
}

// A 20-octet TCP header (RFC 9293 3.1) followed by `data`.
inline Packet tcp_segment(std::uint16_t source_port, std::uint16_t destination_port, std::uint32_t sequence,
                          std::uint8_t flags, Bytes data = {}) {
  Packet segment(20 + data.size());
  ByteWriter w(segment);
  w.u16(source_port);
  w.u16(destination_port);
  w.u32(sequence);
  w.u32(0);
  w.u8(5 << 4);
  w.u8(flags);
  w.u16(8192);
  w.zeros(4);
  w.bytes(data);
  return segment;
}

inline Packet pptp_bytes(const wire::PptpMessage& message) {
  Packet out(wire::encoded_size(message));
  (void)wire::encode_pptp_message(message, out);
  return out;
}

inline Packet gre_v1_packet(const wire::GreV1Header& header, const Packet& payload) {
  Packet out(wire::kGreV1MaxHeaderSize + payload.size());
  const std::size_t size = *wire::encode_gre_v1(header, out);
  std::copy(payload.begin(), payload.end(), out.begin() + static_cast<std::ptrdiff_t>(size));
  out.resize(size + payload.size());
  return out;
}

inline PcapRecord record(std::uint64_t frame, const Packet& data) {
  return PcapRecord{
      .frame = frame,
      .time = {.seconds = 1'700'000'000, .nanoseconds = static_cast<std::uint32_t>(frame * 1000)},
      .original_length = static_cast<std::uint32_t>(data.size()),
      .data = data};
}

}  // namespace pptpkit::tools::testing
