#include "capture_builder.h"

#include <array>
#include <stdexcept>

#include "wire/inet_checksum.h"
#include "wire/ipv4.h"
#include "wire/pptp_codec.h"
#include "wire/tcp_header.h"

namespace pptpkit::oracle {
namespace {

constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
constexpr std::uint16_t kPnsPort = 40000;

std::string dotted(std::uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xFF) + "." +
         std::to_string((address >> 8) & 0xFF) + "." + std::to_string(address & 0xFF);
}

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(what);
}

// A 20-octet TCP header (RFC 9293 3.1) with PSH|ACK and a correct checksum
// over the IPv4 pseudo-header, so no dissector flags the segment.
std::vector<std::uint8_t> tcp_segment(std::uint32_t source, std::uint32_t destination,
                                      std::uint16_t source_port, std::uint16_t destination_port,
                                      std::uint32_t sequence, Bytes payload) {
  std::vector<std::uint8_t> segment(wire::kTcpMinHeaderSize + payload.size());
  ByteWriter w(segment);
  w.u16(source_port);
  w.u16(destination_port);
  w.u32(sequence);
  w.u32(1);      // acknowledgment number
  w.u8(5 << 4);  // data offset: 5 words
  w.u8(wire::kTcpPsh | wire::kTcpAck);
  w.u16(65535);  // window
  w.u16(0);      // checksum, filled below
  w.u16(0);      // urgent pointer
  w.bytes(payload);
  require(w.ok(), "tcp segment");

  std::array<std::uint8_t, 12> pseudo{};
  ByteWriter p(pseudo);
  p.u32(source);
  p.u32(destination);
  p.u8(0);
  p.u8(6);
  p.u16(static_cast<std::uint16_t>(segment.size()));
  const std::uint16_t checksum = wire::inet_checksum(segment, wire::inet_sum(pseudo));
  segment[16] = static_cast<std::uint8_t>(checksum >> 8);
  segment[17] = static_cast<std::uint8_t>(checksum);
  return segment;
}

}  // namespace

void CaptureBuilder::add_ip_packet(std::uint32_t source, std::uint32_t destination, std::uint8_t protocol,
                                   Bytes payload, std::string description, nlohmann::json expect) {
  std::vector<std::uint8_t> frame(14 + wire::kIpv4HeaderSize + payload.size());
  ByteWriter eth(frame);
  // Locally administered MAC addresses derived from the IP addresses.
  eth.u16(0x0200);
  eth.u32(destination);
  eth.u16(0x0200);
  eth.u32(source);
  eth.u16(kEtherTypeIpv4);
  require(eth.ok(), "ethernet header");

  wire::Ipv4Header ip;
  ip.total_length = static_cast<std::uint16_t>(wire::kIpv4HeaderSize + payload.size());
  ip.identification = ip_identification_++;
  ip.flags = wire::kIpv4DontFragment;
  ip.protocol = protocol;
  ip.source_address = source;
  ip.destination_address = destination;
  require(wire::encode_ipv4_header(ip, MutableBytes(frame).subspan(14)).has_value(), "ipv4 header");
  std::copy(payload.begin(), payload.end(), frame.begin() + 14 + wire::kIpv4HeaderSize);

  frames_.push_back(std::move(frame));
  manifest_.push_back({{"frame", frames_.size()},
                       {"description", std::move(description)},
                       {"src", dotted(source)},
                       {"dst", dotted(destination)},
                       {"expect", std::move(expect)}});
}

void CaptureBuilder::control(std::uint32_t sender, const wire::PptpMessage& message, nlohmann::json expect) {
  std::vector<std::uint8_t> bytes(wire::encoded_size(message));
  require(wire::encode_pptp_message(message, bytes).has_value(), "pptp message");

  const bool from_pns = sender == kPns;
  std::uint32_t& sequence = from_pns ? pns_sequence_ : pac_sequence_;
  const auto segment = tcp_segment(sender, from_pns ? kPac : kPns, from_pns ? kPnsPort : wire::kPptpTcpPort,
                                   from_pns ? wire::kPptpTcpPort : kPnsPort, sequence, bytes);
  sequence += static_cast<std::uint32_t>(bytes.size());

  expect["pptp.control_message_type"] = static_cast<int>(wire::control_message_type(message));
  expect["pptp.length"] = bytes.size();
  expect["pptp.magic_cookie"] = wire::kPptpMagicCookie;
  add_ip_packet(sender, from_pns ? kPac : kPns, 6, segment, std::string(wire::message_name(message)),
                std::move(expect));
}

void CaptureBuilder::gre_v1(std::uint32_t sender, const wire::GreV1Header& header, Bytes ppp_frame,
                            nlohmann::json expect) {
  std::vector<std::uint8_t> packet(wire::header_size(header) + ppp_frame.size());
  auto written = wire::encode_gre_v1(header, packet);
  require(written.has_value() && *written + ppp_frame.size() == packet.size(), "gre v1 header");
  std::copy(ppp_frame.begin(), ppp_frame.end(), packet.begin() + static_cast<std::ptrdiff_t>(*written));

  expect["gre.flags.version"] = 1;
  expect["gre.proto"] = wire::kGreProtocolPpp;
  expect["gre.key.payload_length"] = header.payload_length;
  expect["gre.key.call_id"] = header.call_id;
  if (header.sequence) expect["gre.sequence_number"] = *header.sequence;
  if (header.ack) expect["gre.ack_number"] = *header.ack;
  const std::string description =
      expect.contains("description") ? expect["description"].get<std::string>() : std::string("GRE v1");
  expect.erase("description");
  add_ip_packet(sender, sender == kPns ? kPac : kPns, wire::kIpProtocolGre, packet, description,
                std::move(expect));
}

void CaptureBuilder::gre_v0(std::uint32_t sender, const wire::GreV0Header& header, Bytes payload,
                            nlohmann::json expect) {
  std::vector<std::uint8_t> packet(wire::header_size(header) + payload.size());
  auto written = wire::encode_gre_v0(header, payload, packet);
  require(written.has_value(), "gre v0 header");
  std::copy(payload.begin(), payload.end(), packet.begin() + static_cast<std::ptrdiff_t>(*written));
  expect["gre.flags.version"] = 0;
  expect["gre.proto"] = header.protocol_type;
  if (header.key) expect["gre.key"] = *header.key;
  if (header.sequence) expect["gre.sequence_number"] = *header.sequence;
  add_ip_packet(sender, sender == kPns ? kPac : kPns, wire::kIpProtocolGre, packet, "GRE v0",
                std::move(expect));
}

}  // namespace pptpkit::oracle
