#include "tools/decode_text.h"

#include <cinttypes>
#include <cstdio>

#include "tools/decode_json.h"
#include "wire/ppp_names.h"
#include "wire/ppp_option_format.h"

namespace pptpkit::tools {
namespace {

std::string relative_time(Timestamp time, Timestamp start) {
  std::int64_t nanoseconds = (time.seconds - start.seconds) * 1'000'000'000 +
                             (static_cast<std::int64_t>(time.nanoseconds) - start.nanoseconds);
  const char* sign = nanoseconds < 0 ? "-" : "";
  if (nanoseconds < 0) nanoseconds = -nanoseconds;
  const std::int64_t microseconds = (nanoseconds + 500) / 1000;
  char text[48];
  std::snprintf(text, sizeof text, "%s%" PRId64 ".%06" PRId64, sign, microseconds / 1'000'000,
                microseconds % 1'000'000);
  return text;
}

std::string address(const std::optional<std::uint32_t>& a) { return a ? ipv4_to_string(*a) : "?"; }

// The fields after "message" as key=value, in the RFC's order; text values
// are quoted since host names and phone numbers may hold spaces.
std::string pptp_text(const wire::PptpMessage& message) {
  const Json fields = pptp_message_json(message);
  std::string line = "PPTP " + fields["message"].get<std::string>();
  for (const auto& [key, value] : fields.items()) {
    if (key == "message") continue;
    line += ' ';
    line += key;
    line += '=';
    line += value.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return line;
}

std::string ppp_text(const PppDecoded& ppp) {
  const std::uint16_t protocol = ppp.frame.protocol;
  std::string line = "PPP ";
  line += wire::ppp_protocol_name(protocol);
  if (line.ends_with(wire::kPppUnknownName)) {
    char number[16];
    std::snprintf(number, sizeof number, " 0x%04x", protocol);
    line += number;
  }
  if (!ppp.control) return line + " len=" + std::to_string(ppp.frame.information.size());
  line += ' ';
  line += wire::ppp_code_name(protocol, ppp.control->code);
  if (line.ends_with(wire::kPppUnknownName)) line += " code=" + std::to_string(ppp.control->code);
  line += " id=" + std::to_string(ppp.control->identifier);
  for (const auto& option : ppp.options)
    line += ' ' + wire::format_option(protocol, option.type, option.value);
  return line;
}

std::string gre_text(const GreEvent& gre) {
  std::string line = "GRE";
  if (const auto* v1 = std::get_if<wire::GreV1Packet>(&gre.gre.packet)) {
    line += " call_id=" + std::to_string(v1->header.call_id);
    if (v1->header.sequence) line += " seq=" + std::to_string(*v1->header.sequence);
    if (v1->header.ack) line += " ack=" + std::to_string(*v1->header.ack);
    if (!gre.ppp) line += " (no payload)";
  } else {
    const auto& v0 = std::get<wire::GreV0Packet>(gre.gre.packet);
    char type[24];
    std::snprintf(type, sizeof type, " v0 protocol=0x%04x", v0.header.protocol_type);
    line += type;
    if (v0.header.key) line += " key=" + std::to_string(*v0.header.key);
    line += " len=" + std::to_string(v0.payload.size());
  }
  if (gre.ppp) line += ' ' + ppp_text(*gre.ppp);
  return line;
}

}  // namespace

std::string to_text(const Decoded& decoded, Timestamp start) {
  const PacketInfo& info = decoded.info;
  std::string line = "#" + std::to_string(info.frame) + ' ' + relative_time(info.time, start) + ' ';
  if (info.source_address) {
    line += address(info.source_address) + " -> " + address(info.destination_address) + ' ';
  }
  if (const auto* pptp = std::get_if<PptpEvent>(&decoded.event)) return line + pptp_text(pptp->message);
  if (const auto* gre = std::get_if<GreEvent>(&decoded.event)) return line + gre_text(*gre);
  return line + "ERROR " + std::get<ErrorEvent>(decoded.event).error;
}

}  // namespace pptpkit::tools
