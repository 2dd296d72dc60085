#include "ppp/packet_log.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "wire/ppp_auth.h"
#include "wire/ppp_control.h"
#include "wire/ppp_names.h"
#include "wire/ppp_option_format.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

namespace {

std::string hex(std::uint32_t v) {
  std::array<char, 8> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), v, 16).ptr;
  return "0x" + std::string(digits.data(), end);
}

// pppd's short code names (fsm.c, upap.c, chap-new.c, cbcp.c).
std::string_view code_name(std::uint16_t protocol, std::uint8_t code) {
  static constexpr std::array<std::string_view, 16> kControl{
      "",        "ConfReq", "ConfAck", "ConfNak", "ConfRej", "TermReq", "TermAck",  "CodeRej",
      "ProtRej", "EchoReq", "EchoRep", "DiscReq", "Ident",   "TimeRem", "ResetReq", "ResetAck"};
  static constexpr std::array<std::string_view, 4> kPap{"", "AuthReq", "AuthAck", "AuthNak"};
  static constexpr std::array<std::string_view, 5> kChap{"", "Challenge", "Response", "Success", "Failure"};
  static constexpr std::array<std::string_view, 4> kCbcp{"", "CallbackReq", "CallbackResp", "CallbackAck"};
  const auto pick = [code](const auto& names) {
    return code < names.size() ? names[code] : std::string_view{};
  };
  switch (protocol) {
    case wire::kPppPap:
      return pick(kPap);
    case wire::kPppChap:
      return pick(kChap);
    case wire::kPppCbcp:
      return pick(kCbcp);
    default:
      return wire::ppp_code_name(protocol, code) == wire::kPppUnknownName ? std::string_view{}
                                                                          : pick(kControl);
  }
}

bool carries_options(std::uint16_t protocol, std::uint8_t code) {
  if (protocol == wire::kPppCbcp) return true;
  return protocol != wire::kPppPap && protocol != wire::kPppChap && code >= wire::kPppConfigureRequest &&
         code <= wire::kPppConfigureReject;
}

std::string quoted(Bytes text) { return "\"" + printable_text(text, text.size()) + "\""; }

std::string quoted(std::string_view text) {
  return quoted(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

// The verdict's Message, as pppd prints it: CHAP Success/Failure (RFC 1994
// 4.2; MS-CHAPv2's "E=691 R=0 C=... V=3 M=..." of RFC 2759 6) and PAP
// Authenticate-Ack/Nak (RFC 1334 2.2.2). Empty when there is none.
std::string auth_message(std::uint16_t protocol, const wire::PppControlPacket& packet) {
  Result<std::string_view, wire::PppError> message = std::string_view{};
  if (protocol == wire::kPppChap &&
      (packet.code == wire::kChapSuccess || packet.code == wire::kChapFailure)) {
    message = wire::decode_chap_message(packet);
  } else if (protocol == wire::kPppPap &&
             (packet.code == wire::kPapAuthenticateAck || packet.code == wire::kPapAuthenticateNak)) {
    message = wire::decode_pap_message(packet);
  }
  if (!message) return " <malformed>";
  return message->empty() ? std::string{} : " " + quoted(*message);
}

std::string details(std::uint16_t protocol, const wire::PppControlPacket& packet) {
  std::string out;
  if (carries_options(protocol, packet.code)) {
    for (wire::PppOptionReader r(packet.data); !r.done();) {
      auto option = r.next();
      if (!option) return out + " <malformed>";
      out += " " + wire::format_option(protocol, option->type, option->value);
    }
    return out;
  }
  if (protocol == wire::kPppPap || protocol == wire::kPppChap) return auth_message(protocol, packet);
  if (protocol == wire::kPppLcp) {
    if (auto magic = wire::decode_magic_number_packet(packet)) return " magic=" + hex(magic->magic_number);
    if (auto reject = wire::decode_protocol_reject(packet)) return " proto=" + hex(reject->rejected_protocol);
  }
  const bool text = packet.code == wire::kPppTerminateRequest || packet.code == wire::kPppTerminateAck;
  if (text && !packet.data.empty()) return " " + quoted(packet.data);
  return out;
}

}  // namespace

std::string printable_text(Bytes text, std::size_t limit) {
  std::string out;
  for (const std::uint8_t c : text.first(std::min(limit, text.size()))) {
    out += c >= 0x20 && c < 0x7F && c != '"' ? static_cast<char>(c) : '.';
  }
  return out;
}

std::string format_packet(std::uint16_t protocol, Bytes information) {
  std::string out = "[" + std::string(wire::ppp_protocol_name(protocol));
  if (wire::ppp_protocol_name(protocol) == wire::kPppUnknownName) out = "[protocol=" + hex(protocol);
  auto packet = wire::decode_ppp_control_packet(information);
  if (!packet) return out + " malformed]";
  const std::string_view name = code_name(protocol, packet->code);
  out += name.empty() ? " code=" + hex(packet->code) : " " + std::string(name);
  out += " id=" + hex(packet->identifier);
  return out + details(protocol, *packet) + "]";
}

}  // namespace pptpkit::ppp
