// What a control connection reports to its owner through poll_event().
// Log lines are events too: a sans-I/O core has no logger, and the owner
// routes them (the net layer to spdlog, tests to assertions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "wire/pptp_codes.h"
#include "wire/pptp_messages.h"

namespace pptpkit::pptp {

enum class TunnelDownReason : std::uint8_t {
  kLocalStop,         // stop(): after the peer's Stop-Control-Connection-Reply or its timeout
  kPeerStop,          // the peer sent Stop-Control-Connection-Request
  kPeerClosed,        // TCP closed without a stop (Android's client does this)
  kRefused,           // the peer refused our Start-Control-Connection-Request
  kVersionMismatch,   // the peer speaks another protocol version (RFC 2637 section 2.2, code 5)
  kStartTimeout,      // no Start-Control-Connection-Request/-Reply in time
  kKeepaliveTimeout,  // no Echo-Reply in time (RFC 2637 section 2.5)
  kProtocolError,     // an unframable stream or a message the state does not allow
  kCollision,         // a Start-Control-Connection-Request collision made this connection redundant
  kAborted,           // abort(): closed without a message
  kOutputOverflow,    // the peer does not read what we send
};

// The peer's Start-Control-Connection-Request/-Reply (RFC 2637 section 2.1).
struct PeerInfo {
  std::uint16_t protocol_version = 0;
  std::uint32_t framing_capabilities = 0;
  std::uint32_t bearer_capabilities = 0;
  std::uint16_t maximum_channels = 0;
  std::uint16_t firmware_revision = 0;
  std::string host_name{};
  std::string vendor_string{};
};

struct TunnelUp {
  PeerInfo peer{};
};

// The connection is finished: every call was cleared (CallCleared came
// first), and the owner closes TCP once poll_tcp_out() is drained.
struct TunnelDown {
  TunnelDownReason reason = TunnelDownReason::kProtocolError;
};

// This connection answered the peer's Start-Control-Connection-Request while
// the owner's own request to the same peer is pending on another TCP
// connection, and the peer has the higher address (RFC 2637 section 3.1.3):
// the owner must abort() that other connection, which sends nothing more.
struct CollisionLost {};

// RFC 2637 section 1.3: an outgoing call is placed by the PAC at the PNS's
// request (Outgoing-Call-Request), an incoming call reported by the PAC to
// the PNS (Incoming-Call-Request).
enum class CallDirection : std::uint8_t { kOutgoing, kIncoming };

// The peer asks for a call; the owner answers with answer_call() within
// call_answer_timeout or the call is refused.
struct CallRequested {
  std::uint16_t call_id = 0;  // ours, allocated for it
  std::uint16_t peer_call_id = 0;
  std::uint16_t call_serial_number = 0;
  CallDirection direction = CallDirection::kOutgoing;
  wire::BearerType bearer_type{};
  wire::FramingType framing_type{};  // outgoing calls only
  std::uint32_t minimum_bps = 0;     // outgoing calls only
  std::uint32_t maximum_bps = 0;     // outgoing calls only
  std::string phone_number{};        // Phone Number (outgoing) or Dialed Number (incoming)
  std::string dialing_number{};      // incoming calls only
  std::string subaddress{};
};

// The call is up on both sides; the data channel can start with the peer's
// receive window and processing delay (RFC 2637 section 4.4).
struct CallConnected {
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  std::uint16_t peer_receive_window = 0;
  std::uint16_t peer_processing_delay = 0;  // 1/10 seconds
  std::uint32_t connect_speed = 0;
  wire::FramingType framing_type{};
};

enum class CallClearCause : std::uint8_t {
  kLocalClear,        // clear_call() or stop()
  kPeerDisconnect,    // the PAC sent Call-Disconnect-Notify
  kPeerClearRequest,  // the PNS sent Call-Clear-Request
  kPeerRefused,       // the peer's Outgoing-/Incoming-Call-Reply was not a success
  kNotAnswered,       // the owner did not answer in time, or declined
  kReplyTimeout,      // the peer did not reply in time
  kTunnelDown,        // the control connection ended
};

// The call is gone; its Call ID goes back to the allocator's quarantine.
// result_code, error_code, cause_code and call_statistics are the peer's
// (Call-Disconnect-Notify, or the refusing reply) when it sent any.
struct CallCleared {
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  CallClearCause cause = CallClearCause::kLocalClear;
  std::uint8_t result_code = 0;
  wire::GeneralError error_code = wire::GeneralError::kNone;
  std::uint16_t cause_code = 0;
  std::string call_statistics{};
};

// Set-Link-Info (RFC 2637 section 2.15): the PNS's negotiated PPP ACCMs.
struct LinkInfoChanged {
  std::uint16_t call_id = 0;
  std::uint32_t send_accm = 0;
  std::uint32_t receive_accm = 0;
};

// WAN-Error-Notify (RFC 2637 section 2.14), with our Call ID.
struct WanErrorReported {
  std::uint16_t call_id = 0;
  wire::WanErrorNotify counters{};
};

enum class LogLevel : std::uint8_t { kDebug, kInfo, kWarning, kError };

// A line for the owner's log; names the peer and the reason.
struct LogLine {
  LogLevel level = LogLevel::kInfo;
  std::string message{};
};

using Event = std::variant<TunnelUp, TunnelDown, CollisionLost, CallRequested, CallConnected, CallCleared,
                           LinkInfoChanged, WanErrorReported, LogLine>;

std::string_view to_string(TunnelDownReason reason);
std::string_view to_string(CallClearCause cause);
std::string_view to_string(LogLevel level);

}  // namespace pptpkit::pptp
