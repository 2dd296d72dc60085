#include "pptp/events.h"

namespace pptpkit::pptp {

std::string_view to_string(TunnelDownReason reason) {
  switch (reason) {
    case TunnelDownReason::kLocalStop:
      return "local stop";
    case TunnelDownReason::kPeerStop:
      return "peer stop";
    case TunnelDownReason::kPeerClosed:
      return "peer closed TCP";
    case TunnelDownReason::kRefused:
      return "refused by peer";
    case TunnelDownReason::kVersionMismatch:
      return "protocol version mismatch";
    case TunnelDownReason::kStartTimeout:
      return "start timeout";
    case TunnelDownReason::kKeepaliveTimeout:
      return "keep-alive timeout";
    case TunnelDownReason::kProtocolError:
      return "protocol error";
    case TunnelDownReason::kCollision:
      return "start collision";
    case TunnelDownReason::kAborted:
      return "aborted";
    case TunnelDownReason::kOutputOverflow:
      return "output overflow";
  }
  return "unknown";
}

std::string_view to_string(CallClearCause cause) {
  switch (cause) {
    case CallClearCause::kLocalClear:
      return "local clear";
    case CallClearCause::kPeerDisconnect:
      return "peer disconnect";
    case CallClearCause::kPeerClearRequest:
      return "peer clear request";
    case CallClearCause::kPeerRefused:
      return "refused by peer";
    case CallClearCause::kNotAnswered:
      return "not answered";
    case CallClearCause::kReplyTimeout:
      return "reply timeout";
    case CallClearCause::kTunnelDown:
      return "tunnel down";
  }
  return "unknown";
}

std::string_view to_string(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "unknown";
}

}  // namespace pptpkit::pptp
