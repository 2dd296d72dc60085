#include "wire/pptp_messages.h"

namespace pptpkit::wire {

ControlMessageType control_message_type(const PptpMessage& message) {
  return std::visit([](const auto& m) { return std::remove_cvref_t<decltype(m)>::kType; }, message);
}

std::string_view message_name(ControlMessageType type) {
  switch (type) {
    case ControlMessageType::kStartControlConnectionRequest:
      return "Start-Control-Connection-Request";
    case ControlMessageType::kStartControlConnectionReply:
      return "Start-Control-Connection-Reply";
    case ControlMessageType::kStopControlConnectionRequest:
      return "Stop-Control-Connection-Request";
    case ControlMessageType::kStopControlConnectionReply:
      return "Stop-Control-Connection-Reply";
    case ControlMessageType::kEchoRequest:
      return "Echo-Request";
    case ControlMessageType::kEchoReply:
      return "Echo-Reply";
    case ControlMessageType::kOutgoingCallRequest:
      return "Outgoing-Call-Request";
    case ControlMessageType::kOutgoingCallReply:
      return "Outgoing-Call-Reply";
    case ControlMessageType::kIncomingCallRequest:
      return "Incoming-Call-Request";
    case ControlMessageType::kIncomingCallReply:
      return "Incoming-Call-Reply";
    case ControlMessageType::kIncomingCallConnected:
      return "Incoming-Call-Connected";
    case ControlMessageType::kCallClearRequest:
      return "Call-Clear-Request";
    case ControlMessageType::kCallDisconnectNotify:
      return "Call-Disconnect-Notify";
    case ControlMessageType::kWanErrorNotify:
      return "WAN-Error-Notify";
    case ControlMessageType::kSetLinkInfo:
      return "Set-Link-Info";
  }
  return "unknown";
}

std::string_view message_name(const PptpMessage& message) {
  return message_name(control_message_type(message));
}

}  // namespace pptpkit::wire
