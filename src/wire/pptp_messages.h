// The fifteen PPTP control messages (RFC 2637 section 2), one value struct
// each, fields named after the RFC. The header (section 2.1 top) and the
// Reserved fields are not members: the codec writes them and checks them.
// Every field is zero-initialised except protocol_version, which has one
// valid value. Text fields are views: decoded ones point into the input
// (valid as long as it is), and the encoder NUL-pads them to their field,
// truncating longer text (ByteWriter::fixed_string).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <variant>

#include "wire/pptp_codes.h"
#include "wire/pptp_header.h"

namespace pptpkit::wire {

// Control Message Type, the header field at offset 8 (RFC 2637 section 1.4).
enum class ControlMessageType : std::uint16_t {
  kStartControlConnectionRequest = 1,
  kStartControlConnectionReply = 2,
  kStopControlConnectionRequest = 3,
  kStopControlConnectionReply = 4,
  kEchoRequest = 5,
  kEchoReply = 6,
  kOutgoingCallRequest = 7,
  kOutgoingCallReply = 8,
  kIncomingCallRequest = 9,
  kIncomingCallReply = 10,
  kIncomingCallConnected = 11,
  kCallClearRequest = 12,
  kCallDisconnectNotify = 13,
  kWanErrorNotify = 14,
  kSetLinkInfo = 15,
};

// Sizes of the fixed text fields. Phone Number, Dialed Number and Dialing
// Number are all 64 octets (RFC 2637 sections 2.7 and 2.9).
inline constexpr std::size_t kHostNameSize = 64;
inline constexpr std::size_t kVendorStringSize = 64;
inline constexpr std::size_t kPhoneNumberSize = 64;
inline constexpr std::size_t kSubaddressSize = 64;
inline constexpr std::size_t kCallStatisticsSize = 128;

// RFC 2637 section 2.1.
struct StartControlConnectionRequest {
  static constexpr auto kType = ControlMessageType::kStartControlConnectionRequest;
  static constexpr std::size_t kSize = 156;
  std::uint16_t protocol_version = kPptpProtocolVersion;
  std::uint32_t framing_capabilities = 0;  // kFramingCapability* bits
  std::uint32_t bearer_capabilities = 0;   // kBearerCapability* bits
  std::uint16_t maximum_channels = 0;
  std::uint16_t firmware_revision = 0;
  std::string_view host_name;
  std::string_view vendor_string;
  bool operator==(const StartControlConnectionRequest&) const = default;
};

// RFC 2637 section 2.2.
struct StartControlConnectionReply {
  static constexpr auto kType = ControlMessageType::kStartControlConnectionReply;
  static constexpr std::size_t kSize = 156;
  std::uint16_t protocol_version = kPptpProtocolVersion;
  StartResult result_code{};
  GeneralError error_code{};
  std::uint32_t framing_capabilities = 0;
  std::uint32_t bearer_capabilities = 0;
  std::uint16_t maximum_channels = 0;
  std::uint16_t firmware_revision = 0;
  std::string_view host_name;
  std::string_view vendor_string;
  bool operator==(const StartControlConnectionReply&) const = default;
};

// RFC 2637 section 2.3.
struct StopControlConnectionRequest {
  static constexpr auto kType = ControlMessageType::kStopControlConnectionRequest;
  static constexpr std::size_t kSize = 16;
  StopReason reason{};
  bool operator==(const StopControlConnectionRequest&) const = default;
};

// RFC 2637 section 2.4.
struct StopControlConnectionReply {
  static constexpr auto kType = ControlMessageType::kStopControlConnectionReply;
  static constexpr std::size_t kSize = 16;
  StopResult result_code{};
  GeneralError error_code{};
  bool operator==(const StopControlConnectionReply&) const = default;
};

// RFC 2637 section 2.5.
struct EchoRequest {
  static constexpr auto kType = ControlMessageType::kEchoRequest;
  static constexpr std::size_t kSize = 16;
  std::uint32_t identifier = 0;
  bool operator==(const EchoRequest&) const = default;
};

// RFC 2637 section 2.6.
struct EchoReply {
  static constexpr auto kType = ControlMessageType::kEchoReply;
  static constexpr std::size_t kSize = 20;
  std::uint32_t identifier = 0;
  EchoResult result_code{};
  GeneralError error_code{};
  bool operator==(const EchoReply&) const = default;
};

// RFC 2637 section 2.7.
struct OutgoingCallRequest {
  static constexpr auto kType = ControlMessageType::kOutgoingCallRequest;
  static constexpr std::size_t kSize = 168;
  std::uint16_t call_id = 0;
  std::uint16_t call_serial_number = 0;
  std::uint32_t minimum_bps = 0;
  std::uint32_t maximum_bps = 0;
  BearerType bearer_type{};
  FramingType framing_type{};
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_processing_delay = 0;  // 1/10 seconds
  std::uint16_t phone_number_length = 0;      // at most kPhoneNumberSize
  std::string_view phone_number;
  std::string_view subaddress;
  bool operator==(const OutgoingCallRequest&) const = default;
};

// RFC 2637 section 2.8.
struct OutgoingCallReply {
  static constexpr auto kType = ControlMessageType::kOutgoingCallReply;
  static constexpr std::size_t kSize = 32;
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  OutgoingCallResult result_code{};
  GeneralError error_code{};
  std::uint16_t cause_code = 0;  // Q.931 cause for ISDN calls
  std::uint32_t connect_speed = 0;
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_processing_delay = 0;
  std::uint32_t physical_channel_id = 0;
  bool operator==(const OutgoingCallReply&) const = default;
};

// RFC 2637 section 2.9.
struct IncomingCallRequest {
  static constexpr auto kType = ControlMessageType::kIncomingCallRequest;
  static constexpr std::size_t kSize = 220;
  std::uint16_t call_id = 0;
  std::uint16_t call_serial_number = 0;
  BearerType call_bearer_type{};
  std::uint32_t physical_channel_id = 0;
  std::uint16_t dialed_number_length = 0;   // at most kPhoneNumberSize
  std::uint16_t dialing_number_length = 0;  // at most kPhoneNumberSize
  std::string_view dialed_number;
  std::string_view dialing_number;
  std::string_view subaddress;
  bool operator==(const IncomingCallRequest&) const = default;
};

// RFC 2637 section 2.10.
struct IncomingCallReply {
  static constexpr auto kType = ControlMessageType::kIncomingCallReply;
  static constexpr std::size_t kSize = 24;
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  IncomingCallResult result_code{};
  GeneralError error_code{};
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_transmit_delay = 0;
  bool operator==(const IncomingCallReply&) const = default;
};

// RFC 2637 section 2.11.
struct IncomingCallConnected {
  static constexpr auto kType = ControlMessageType::kIncomingCallConnected;
  static constexpr std::size_t kSize = 28;
  std::uint16_t peer_call_id = 0;
  std::uint32_t connect_speed = 0;
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_transmit_delay = 0;
  FramingType framing_type{};
  bool operator==(const IncomingCallConnected&) const = default;
};

// RFC 2637 section 2.12.
struct CallClearRequest {
  static constexpr auto kType = ControlMessageType::kCallClearRequest;
  static constexpr std::size_t kSize = 16;
  std::uint16_t call_id = 0;
  bool operator==(const CallClearRequest&) const = default;
};

// RFC 2637 section 2.13.
struct CallDisconnectNotify {
  static constexpr auto kType = ControlMessageType::kCallDisconnectNotify;
  static constexpr std::size_t kSize = 148;
  std::uint16_t call_id = 0;
  DisconnectResult result_code{};
  GeneralError error_code{};
  std::uint16_t cause_code = 0;
  std::string_view call_statistics;
  bool operator==(const CallDisconnectNotify&) const = default;
};

// RFC 2637 section 2.14.
struct WanErrorNotify {
  static constexpr auto kType = ControlMessageType::kWanErrorNotify;
  static constexpr std::size_t kSize = 40;
  std::uint16_t peer_call_id = 0;
  std::uint32_t crc_errors = 0;
  std::uint32_t framing_errors = 0;
  std::uint32_t hardware_overruns = 0;
  std::uint32_t buffer_overruns = 0;
  std::uint32_t timeout_errors = 0;
  std::uint32_t alignment_errors = 0;
  bool operator==(const WanErrorNotify&) const = default;
};

// RFC 2637 section 2.15.
struct SetLinkInfo {
  static constexpr auto kType = ControlMessageType::kSetLinkInfo;
  static constexpr std::size_t kSize = 24;
  std::uint16_t peer_call_id = 0;
  std::uint32_t send_accm = 0;
  std::uint32_t receive_accm = 0;
  bool operator==(const SetLinkInfo&) const = default;
};

// Alternative i is Control Message Type i + 1.
using PptpMessage =
    std::variant<StartControlConnectionRequest, StartControlConnectionReply, StopControlConnectionRequest,
                 StopControlConnectionReply, EchoRequest, EchoReply, OutgoingCallRequest, OutgoingCallReply,
                 IncomingCallRequest, IncomingCallReply, IncomingCallConnected, CallClearRequest,
                 CallDisconnectNotify, WanErrorNotify, SetLinkInfo>;

namespace detail {
template <std::size_t... I>
constexpr std::array<std::size_t, sizeof...(I)> message_sizes(std::index_sequence<I...>) {
  static_assert(
      ((static_cast<std::size_t>(std::variant_alternative_t<I, PptpMessage>::kType) == I + 1) && ...),
      "PptpMessage alternatives must be in Control Message Type order");
  return {std::variant_alternative_t<I, PptpMessage>::kSize...};
}
inline constexpr auto kMessageSizes =
    message_sizes(std::make_index_sequence<std::variant_size_v<PptpMessage>>{});
}  // namespace detail

// The largest control message (Incoming-Call-Request): the most a stream
// reader ever has to hold before it can frame a message.
inline constexpr std::size_t kPptpMaxMessageSize = std::ranges::max(detail::kMessageSizes);

// The Length every message of this Control Message Type has (RFC 2637 section
// 2: all control messages are fixed-size), or 0 for a type the RFC does not
// define.
constexpr std::size_t control_message_size(std::uint16_t type) {
  const std::size_t index = std::size_t{type} - 1;  // type 0 wraps to a huge index
  return index < detail::kMessageSizes.size() ? detail::kMessageSizes[index] : 0;
}

// The message's Control Message Type (RFC 2637 section 1.4).
ControlMessageType control_message_type(const PptpMessage& message);

// The RFC's name, e.g. "Start-Control-Connection-Request" (RFC 2637 section
// 1.4), or "unknown".
std::string_view message_name(ControlMessageType type);
std::string_view message_name(const PptpMessage& message);

}  // namespace pptpkit::wire
