// Code points carried in PPTP control messages (RFC 2637 sections 2.1-2.16).
// Each enum has the width of the field that carries it, so a decoded message
// keeps whatever value the peer sent, including ones the RFC does not define;
// to_string() names those "unknown". Judging a value is the state machine's
// job, not the codec's.
#pragma once

#include <cstdint>
#include <string_view>

namespace pptpkit::wire {

// Protocol Version of Start-Control-Connection-Request/-Reply: major 1,
// minor 0 (RFC 2637 section 2.1).
inline constexpr std::uint16_t kPptpProtocolVersion = 0x0100;

// Framing Capabilities bits (RFC 2637 section 2.1).
inline constexpr std::uint32_t kFramingCapabilityAsync = 0x1;
inline constexpr std::uint32_t kFramingCapabilitySync = 0x2;

// Bearer Capabilities bits (RFC 2637 section 2.1).
inline constexpr std::uint32_t kBearerCapabilityAnalog = 0x1;
inline constexpr std::uint32_t kBearerCapabilityDigital = 0x2;

// Result Code of Start-Control-Connection-Reply (RFC 2637 section 2.2).
enum class StartResult : std::uint8_t {
  kSuccess = 1,              // successful channel establishment
  kGeneralError = 2,         // Error Code indicates the problem
  kChannelExists = 3,        // command channel already exists
  kNotAuthorized = 4,        // requester is not authorized to establish a command channel
  kVersionNotSupported = 5,  // the protocol version of the requester is not supported
};

// Reason of Stop-Control-Connection-Request (RFC 2637 section 2.3).
enum class StopReason : std::uint8_t {
  kNone = 1,               // general request to clear the control connection
  kStopProtocol = 2,       // cannot support the peer's version of the protocol
  kStopLocalShutdown = 3,  // requester is being shut down
};

// Result Code of Stop-Control-Connection-Reply (RFC 2637 section 2.4).
enum class StopResult : std::uint8_t {
  kOk = 1,            // control connection closed
  kGeneralError = 2,  // control connection not closed for the reason in Error Code
};

// Result Code of Echo-Reply (RFC 2637 section 2.6).
enum class EchoResult : std::uint8_t {
  kOk = 1,            // the Echo-Reply is valid
  kGeneralError = 2,  // Echo-Request not accepted for the reason in Error Code
};

// Result Code of Outgoing-Call-Reply (RFC 2637 section 2.8).
enum class OutgoingCallResult : std::uint8_t {
  kConnected = 1,     // call established with no errors
  kGeneralError = 2,  // call not established for the reason in Error Code
  kNoCarrier = 3,     // no carrier detected
  kBusy = 4,          // busy signal detected
  kNoDialTone = 5,    // lack of a dial tone
  kTimeout = 6,       // not established within the time allotted by the PAC
  kDoNotAccept = 7,   // call administratively prohibited
};

// Result Code of Incoming-Call-Reply (RFC 2637 section 2.10).
enum class IncomingCallResult : std::uint8_t {
  kConnect = 1,       // the PAC should answer the incoming call
  kGeneralError = 2,  // the PAC should not answer, for the reason in Error Code
  kDoNotAccept = 3,   // the PAC should not accept the incoming call
};

// Result Code of Call-Disconnect-Notify (RFC 2637 section 2.13). Windows PACs
// send 0 here (MS-PTPT 3.2.5.5), which decodes and names as unknown.
enum class DisconnectResult : std::uint8_t {
  kLostCarrier = 1,    // call disconnected due to loss of carrier
  kGeneralError = 2,   // call disconnected for the reason in Error Code
  kAdminShutdown = 3,  // call disconnected for administrative reasons
  kRequest = 4,        // call disconnected due to a received Call-Clear-Request
};

// Error Code field of replies and notifications: General Error Codes (RFC
// 2637 section 2.16).
enum class GeneralError : std::uint8_t {
  kNone = 0,          // no general error
  kNotConnected = 1,  // no control connection exists yet for this PAC-PNS pair
  kBadFormat = 2,     // Length is wrong or Magic Cookie value is incorrect
  kBadValue = 3,      // a field value was out of range or a reserved field was non-zero
  kNoResource = 4,    // insufficient resources to handle this command now
  kBadCallId = 5,     // the Call ID is invalid in this context
  kPacError = 6,      // a generic vendor-specific error occurred in the PAC
};

// Bearer Type of Outgoing-Call-Request and Call Bearer Type of
// Incoming-Call-Request (RFC 2637 sections 2.7 and 2.9; kAny only in 2.7).
enum class BearerType : std::uint32_t {
  kAnalog = 1,
  kDigital = 2,
  kAny = 3,
};

// Framing Type of Outgoing-Call-Request and Incoming-Call-Connected (RFC 2637
// sections 2.7 and 2.11; kAny only in 2.7).
enum class FramingType : std::uint32_t {
  kAsync = 1,
  kSync = 2,
  kAny = 3,
};

// The RFC's names ("Stop-Local-Shutdown", "Bad-Call ID", ...) or "unknown".
std::string_view to_string(StartResult v);
std::string_view to_string(StopReason v);
std::string_view to_string(StopResult v);
std::string_view to_string(EchoResult v);
std::string_view to_string(OutgoingCallResult v);
std::string_view to_string(IncomingCallResult v);
std::string_view to_string(DisconnectResult v);
std::string_view to_string(GeneralError v);
std::string_view to_string(BearerType v);
std::string_view to_string(FramingType v);

}  // namespace pptpkit::wire
