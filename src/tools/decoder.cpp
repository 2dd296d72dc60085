#include "tools/decoder.h"

#include <string>

#include "tools/link_layer.h"
#include "wire/ppp_protocol.h"
#include "wire/pptp_codec.h"
#include "wire/pptp_framer.h"

namespace pptpkit::tools {
namespace {

constexpr std::uint8_t kIpProtocolTcp = 6;

std::string error_text(std::string_view layer, std::string_view what) {
  std::string text(layer);
  text += ": ";
  text += what;
  return text;
}

void emit_error(const PacketInfo& info, std::string error, const Decoder::Callback& emit) {
  emit(Decoded{.info = info, .event = ErrorEvent{.error = std::move(error)}});
}

// Protocols whose packets carry the RFC 1661 section 5 header.
bool is_control_protocol(std::uint16_t protocol) {
  switch (protocol) {
    case wire::kPppLcp:
    case wire::kPppPap:
    case wire::kPppChap:
    case wire::kPppCbcp:
    case wire::kPppIpcp:
    case wire::kPppIpv6cp:
    case wire::kPppCcp:
      return true;
    default:
      return false;
  }
}

// Protocols that negotiate with RFC 1661 options; PAP, CHAP and CBCP reuse
// the codes' numbers with other meanings and layouts.
bool negotiates_options(std::uint16_t protocol) {
  return protocol == wire::kPppLcp || protocol == wire::kPppIpcp || protocol == wire::kPppIpv6cp ||
         protocol == wire::kPppCcp;
}

bool is_configure_code(std::uint8_t code) {
  return code >= wire::kPppConfigureRequest && code <= wire::kPppConfigureReject;
}

// Decodes the PPP frame in a GRE payload down to its options; the first
// problem is returned as text.
Result<PppDecoded, std::string> decode_ppp(Bytes payload) {
  auto frame = wire::decode_ppp_frame(payload);
  if (!frame) return Unexpected{error_text("PPP", wire::to_string(frame.error()))};
  PppDecoded ppp{.frame = *frame, .control = std::nullopt, .options = {}};
  if (!is_control_protocol(frame->protocol)) return ppp;
  auto control = wire::decode_ppp_control_packet(frame->information);
  if (!control) return Unexpected{error_text("PPP control packet", wire::to_string(control.error()))};
  ppp.control = *control;
  if (!negotiates_options(frame->protocol) || !is_configure_code(control->code)) return ppp;
  for (wire::PppOptionReader reader(control->data); !reader.done();) {
    auto option = reader.next();
    if (!option) return Unexpected{error_text("PPP option", wire::to_string(option.error()))};
    ppp.options.push_back(*option);
  }
  return ppp;
}

}  // namespace

std::string ipv4_to_string(std::uint32_t address) {
  return std::to_string(address >> 24) + '.' + std::to_string((address >> 16) & 0xFF) + '.' +
         std::to_string((address >> 8) & 0xFF) + '.' + std::to_string(address & 0xFF);
}

void Decoder::feed(const PcapRecord& record, const Callback& emit) {
  PacketInfo info;
  info.frame = record.frame;
  info.time = record.time;
  auto packet = strip_link_layer(link_type_, record.data);
  if (!packet) return emit_error(info, error_text("link layer", to_string(packet.error())), emit);
  // Only IPv4 carries PPTP in practice (RFC 2637 predates IPv6); ARP, IPv6
  // and the rest are not errors, just not decode's business.
  if (packet->ethertype != kEtherTypeIpv4) return;
  auto ip = wire::decode_ipv4(packet->payload);
  if (!ip) return emit_error(info, error_text("IPv4", wire::to_string(ip.error())), emit);
  // The header checksum is not judged: captures taken on the sending host
  // often hold packets before checksum offload filled them in.
  info.source_address = ip->header.source_address;
  info.destination_address = ip->header.destination_address;
  const std::uint8_t protocol = ip->header.protocol;
  if (protocol != kIpProtocolTcp && protocol != wire::kIpProtocolGre) return;
  if (ip->header.is_fragment()) {
    return emit_error(info,
                      "IPv4 fragment (offset " + std::to_string(ip->header.fragment_offset * 8) +
                          "): fragments are not reassembled",
                      emit);
  }
  if (protocol == kIpProtocolTcp) return on_tcp(info, *ip, emit);
  on_gre(info, *ip, emit);
}

void Decoder::on_tcp(const PacketInfo& info, const wire::Ipv4Packet& ip, const Callback& emit) {
  auto tcp = wire::decode_tcp_header(ip.payload);
  if (!tcp) return emit_error(info, error_text("TCP", wire::to_string(tcp.error())), emit);
  if (tcp->source_port != wire::kPptpTcpPort && tcp->destination_port != wire::kPptpTcpPort) return;
  const FlowKey key{.source_address = ip.header.source_address,
                    .destination_address = ip.header.destination_address,
                    .source_port = tcp->source_port,
                    .destination_port = tcp->destination_port};
  auto [it, inserted] = flows_.try_emplace(key, max_held_bytes_);
  Flow& flow = it->second;
  TcpDelivery delivery = flow.reassembler.push(
      {.sequence_number = tcp->sequence_number, .flags = tcp->flags, .payload = tcp->payload});
  if (delivery.restarted) {
    // A new connection on the same ports starts a new control connection.
    flow.buffer.clear();
    flow.stopped = false;
  }
  if (flow.stopped) return;
  if (delivery.skipped > 0) {
    // Framing cannot resume after a hole: messages have no resync marker.
    flow.stopped = true;
    flow.buffer.clear();
    return emit_error(info,
                      "TCP: " + std::to_string(delivery.skipped) +
                          " bytes of the stream were never captured; no longer decoding this stream",
                      emit);
  }
  flow.buffer.insert(flow.buffer.end(), delivery.data.begin(), delivery.data.end());
  on_stream_data(info, flow, emit);
  if ((delivery.finished || delivery.reset) && !flow.buffer.empty() && !flow.stopped) {
    emit_error(info,
               "TCP: connection closed " + std::to_string(flow.buffer.size()) +
                   " bytes into a PPTP message that never completed",
               emit);
    flow.buffer.clear();
  }
}

void Decoder::on_stream_data(const PacketInfo& info, Flow& flow, const Callback& emit) {
  std::size_t consumed = 0;
  while (true) {
    const Bytes rest = Bytes(flow.buffer).subspan(consumed);
    auto frame = wire::frame_pptp_stream(rest);
    if (!frame) {
      flow.stopped = true;
      flow.buffer.clear();
      return emit_error(
          info,
          error_text("PPTP stream", wire::to_string(frame.error())) + "; no longer decoding this stream",
          emit);
    }
    if (!frame->complete) break;
    // The event refers to the buffer, which stays untouched until the loop ends.
    auto message = wire::decode_pptp_message(rest.first(frame->size));
    consumed += frame->size;
    if (!message) {
      emit_error(info, error_text("PPTP", wire::to_string(message.error())), emit);
      continue;
    }
    emit(Decoded{.info = info, .event = PptpEvent{.message = *message}});
  }
  flow.buffer.erase(flow.buffer.begin(), flow.buffer.begin() + static_cast<std::ptrdiff_t>(consumed));
}

void Decoder::on_gre(const PacketInfo& info, const wire::Ipv4Packet& ip, const Callback& emit) {
  auto gre = wire::dispatch_gre(ip.payload);
  if (!gre) {
    return emit_error(info, error_text("GRE", wire::to_string(gre.error().error)), emit);
  }
  GreEvent event{.gre = *gre, .ppp = std::nullopt};
  if (const auto* v1 = std::get_if<wire::GreV1Packet>(&gre->packet); v1 != nullptr && !v1->payload.empty()) {
    auto ppp = decode_ppp(v1->payload);
    if (!ppp) return emit_error(info, ppp.error(), emit);
    event.ppp = std::move(*ppp);
  }
  emit(Decoded{.info = info, .event = std::move(event)});
}

}  // namespace pptpkit::tools
