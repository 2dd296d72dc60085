#include "tools/decode_json.h"

#include <cmath>
#include <string>
#include <type_traits>

#include "wire/ppp_names.h"
#include "wire/ppp_option_format.h"
#include "wire/pptp_codec.h"

namespace pptpkit::tools {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// Code fields are enums of the field's width; JSON shows the number sent.
template <class E>
auto code(E value) {
  return static_cast<std::underlying_type_t<E>>(value);
}

// Epoch seconds, rounded to the microsecond so the number prints short.
double epoch_seconds(Timestamp time) {
  return static_cast<double>(time.seconds) + std::round(time.nanoseconds / 1e3) / 1e6;
}

// format_option writes "<name value>"; JSON keeps name and value apart.
std::string option_value(std::string_view name, const std::string& formatted) {
  std::string_view text = formatted;
  if (text.starts_with('<')) text.remove_prefix(1);
  if (text.ends_with('>')) text.remove_suffix(1);
  if (text.starts_with(name)) {
    text.remove_prefix(name.size());
    if (text.starts_with(' ')) text.remove_prefix(1);
  }
  return std::string(text);
}

}  // namespace

Json pptp_message_json(const wire::PptpMessage& message) {
  Json j;
  j["message"] = wire::message_name(message);
  std::visit(Overloaded{
                 [&](const wire::StartControlConnectionRequest& m) {
                   j["protocol_version"] = m.protocol_version;
                   j["framing_capabilities"] = m.framing_capabilities;
                   j["bearer_capabilities"] = m.bearer_capabilities;
                   j["maximum_channels"] = m.maximum_channels;
                   j["firmware_revision"] = m.firmware_revision;
                   j["host_name"] = m.host_name;
                   j["vendor_string"] = m.vendor_string;
                 },
                 [&](const wire::StartControlConnectionReply& m) {
                   j["protocol_version"] = m.protocol_version;
                   j["result_code"] = code(m.result_code);
                   j["error_code"] = code(m.error_code);
                   j["framing_capabilities"] = m.framing_capabilities;
                   j["bearer_capabilities"] = m.bearer_capabilities;
                   j["maximum_channels"] = m.maximum_channels;
                   j["firmware_revision"] = m.firmware_revision;
                   j["host_name"] = m.host_name;
                   j["vendor_string"] = m.vendor_string;
                 },
                 [&](const wire::StopControlConnectionRequest& m) { j["reason"] = code(m.reason); },
                 [&](const wire::StopControlConnectionReply& m) {
                   j["result_code"] = code(m.result_code);
                   j["error_code"] = code(m.error_code);
                 },
                 [&](const wire::EchoRequest& m) { j["identifier"] = m.identifier; },
                 [&](const wire::EchoReply& m) {
                   j["identifier"] = m.identifier;
                   j["result_code"] = code(m.result_code);
                   j["error_code"] = code(m.error_code);
                 },
                 [&](const wire::OutgoingCallRequest& m) {
                   j["call_id"] = m.call_id;
                   j["call_serial_number"] = m.call_serial_number;
                   j["minimum_bps"] = m.minimum_bps;
                   j["maximum_bps"] = m.maximum_bps;
                   j["bearer_type"] = code(m.bearer_type);
                   j["framing_type"] = code(m.framing_type);
                   j["packet_recv_window_size"] = m.packet_recv_window_size;
                   j["packet_processing_delay"] = m.packet_processing_delay;
                   j["phone_number_length"] = m.phone_number_length;
                   j["phone_number"] = m.phone_number;
                   j["subaddress"] = m.subaddress;
                 },
                 [&](const wire::OutgoingCallReply& m) {
                   j["call_id"] = m.call_id;
                   j["peer_call_id"] = m.peer_call_id;
                   j["result_code"] = code(m.result_code);
                   j["error_code"] = code(m.error_code);
                   j["cause_code"] = m.cause_code;
                   j["connect_speed"] = m.connect_speed;
                   j["packet_recv_window_size"] = m.packet_recv_window_size;
                   j["packet_processing_delay"] = m.packet_processing_delay;
                   j["physical_channel_id"] = m.physical_channel_id;
                 },
                 [&](const wire::IncomingCallRequest& m) {
                   j["call_id"] = m.call_id;
                   j["call_serial_number"] = m.call_serial_number;
                   j["call_bearer_type"] = code(m.call_bearer_type);
                   j["physical_channel_id"] = m.physical_channel_id;
                   j["dialed_number_length"] = m.dialed_number_length;
                   j["dialing_number_length"] = m.dialing_number_length;
                   j["dialed_number"] = m.dialed_number;
                   j["dialing_number"] = m.dialing_number;
                   j["subaddress"] = m.subaddress;
                 },
                 [&](const wire::IncomingCallReply& m) {
                   j["call_id"] = m.call_id;
                   j["peer_call_id"] = m.peer_call_id;
                   j["result_code"] = code(m.result_code);
                   j["error_code"] = code(m.error_code);
                   j["packet_recv_window_size"] = m.packet_recv_window_size;
                   j["packet_transmit_delay"] = m.packet_transmit_delay;
                 },
                 [&](const wire::IncomingCallConnected& m) {
                   j["peer_call_id"] = m.peer_call_id;
                   j["connect_speed"] = m.connect_speed;
                   j["packet_recv_window_size"] = m.packet_recv_window_size;
                   j["packet_transmit_delay"] = m.packet_transmit_delay;
                   j["framing_type"] = code(m.framing_type);
                 },
                 [&](const wire::CallClearRequest& m) { j["call_id"] = m.call_id; },
                 [&](const wire::CallDisconnectNotify& m) {
                   j["call_id"] = m.call_id;
                   j["result_code"] = code(m.result_code);
                   j["error_code"] = code(m.error_code);
                   j["cause_code"] = m.cause_code;
                   j["call_statistics"] = m.call_statistics;
                 },
                 [&](const wire::WanErrorNotify& m) {
                   j["peer_call_id"] = m.peer_call_id;
                   j["crc_errors"] = m.crc_errors;
                   j["framing_errors"] = m.framing_errors;
                   j["hardware_overruns"] = m.hardware_overruns;
                   j["buffer_overruns"] = m.buffer_overruns;
                   j["timeout_errors"] = m.timeout_errors;
                   j["alignment_errors"] = m.alignment_errors;
                 },
                 [&](const wire::SetLinkInfo& m) {
                   j["peer_call_id"] = m.peer_call_id;
                   j["send_accm"] = m.send_accm;
                   j["receive_accm"] = m.receive_accm;
                 },
             },
             message);
  return j;
}

Json ppp_json(const PppDecoded& ppp) {
  const std::uint16_t protocol = ppp.frame.protocol;
  Json j;
  j["protocol"] = protocol;
  j["name"] = wire::ppp_protocol_name(protocol);
  if (!ppp.control) return j;
  j["code"] = ppp.control->code;
  j["code_name"] = wire::ppp_code_name(protocol, ppp.control->code);
  j["identifier"] = ppp.control->identifier;
  if (ppp.options.empty()) return j;
  Json options = Json::array();
  for (const auto& option : ppp.options) {
    const std::string_view name = wire::ppp_option_name(protocol, option.type);
    options.push_back(
        {{"type", option.type},
         {"name", name},
         {"value", option_value(name, wire::format_option(protocol, option.type, option.value))}});
  }
  j["options"] = std::move(options);
  return j;
}

Json gre_json(const GreEvent& gre) {
  Json j;
  std::visit(Overloaded{
                 [&](const wire::GreV0Packet& p) {
                   j["version"] = 0;
                   j["protocol_type"] = p.header.protocol_type;
                   if (p.header.key) j["key"] = *p.header.key;
                   if (p.header.sequence) j["sequence"] = *p.header.sequence;
                   j["payload_length"] = p.payload.size();
                 },
                 [&](const wire::GreV1Packet& p) {
                   j["version"] = 1;
                   j["protocol_type"] = wire::kGreProtocolPpp;
                   j["call_id"] = p.header.call_id;
                   j["payload_length"] = p.header.payload_length;
                   if (p.header.sequence) j["sequence"] = *p.header.sequence;
                   if (p.header.ack) j["ack"] = *p.header.ack;
                 },
             },
             gre.gre.packet);
  if (gre.ppp) j["ppp"] = ppp_json(*gre.ppp);
  return j;
}

Json to_json(const Decoded& decoded) {
  const PacketInfo& info = decoded.info;
  Json j;
  j["frame"] = info.frame;
  j["time"] = epoch_seconds(info.time);
  if (info.source_address) j["src"] = ipv4_to_string(*info.source_address);
  if (info.destination_address) j["dst"] = ipv4_to_string(*info.destination_address);
  std::visit(Overloaded{
                 [&](const PptpEvent& e) {
                   j["kind"] = "pptp";
                   j.update(pptp_message_json(e.message));
                 },
                 [&](const GreEvent& e) {
                   j["kind"] = "gre";
                   j.update(gre_json(e));
                 },
                 [&](const ErrorEvent& e) {
                   j["kind"] = "error";
                   j["error"] = e.error;
                 },
             },
             decoded.event);
  return j;
}

}  // namespace pptpkit::tools
