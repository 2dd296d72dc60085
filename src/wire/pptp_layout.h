// Internal to pptp_codec.cpp: the body of every control message as the RFC
// draws it (RFC 2637 sections 2.1-2.15), written once and walked by a field
// reader, a field writer and a constexpr size counter, so decoding, encoding
// and the fixed sizes cannot disagree. The 12-octet header (section 2.1 top)
// is not part of a body. An Io provides:
//   field(x)          an integer or enum field as wide as x's type, big-endian
//   reserved(n)       n octets that MUST be 0
//   text(s, size)     a size-octet text field, NUL-padded, no terminator needed
//   length(n, size)   the count of valid octets in a size-octet text field
#pragma once

#include <concepts>
#include <type_traits>

#include "wire/pptp_messages.h"

namespace pptpkit::wire::detail {

// M is T or const T: the reader fills a message, the writer reads one.
template <class M, class T>
concept MessageOf = std::same_as<std::remove_const_t<M>, T>;

template <class Io, MessageOf<StartControlConnectionRequest> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.protocol_version);  // offset 12
  io.reserved(2);                // 14: Reserved1
  io.field(m.framing_capabilities);
  io.field(m.bearer_capabilities);
  io.field(m.maximum_channels);
  io.field(m.firmware_revision);
  io.text(m.host_name, kHostNameSize);  // 28
  io.text(m.vendor_string, kVendorStringSize);
}

template <class Io, MessageOf<StartControlConnectionReply> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.protocol_version);  // offset 12
  io.field(m.result_code);
  io.field(m.error_code);
  io.field(m.framing_capabilities);
  io.field(m.bearer_capabilities);
  io.field(m.maximum_channels);
  io.field(m.firmware_revision);
  io.text(m.host_name, kHostNameSize);  // 28
  io.text(m.vendor_string, kVendorStringSize);
}

template <class Io, MessageOf<StopControlConnectionRequest> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.reason);  // offset 12
  io.reserved(1);      // Reserved1
  io.reserved(2);      // Reserved2
}

template <class Io, MessageOf<StopControlConnectionReply> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.result_code);  // offset 12
  io.field(m.error_code);
  io.reserved(2);  // Reserved1
}

template <class Io, MessageOf<EchoRequest> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.identifier);  // offset 12
}

template <class Io, MessageOf<EchoReply> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.identifier);  // offset 12
  io.field(m.result_code);
  io.field(m.error_code);
  io.reserved(2);  // Reserved1
}

template <class Io, MessageOf<OutgoingCallRequest> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.call_id);  // offset 12
  io.field(m.call_serial_number);
  io.field(m.minimum_bps);
  io.field(m.maximum_bps);
  io.field(m.bearer_type);
  io.field(m.framing_type);
  io.field(m.packet_recv_window_size);
  io.field(m.packet_processing_delay);
  io.length(m.phone_number_length, kPhoneNumberSize);
  io.reserved(2);                             // Reserved1
  io.text(m.phone_number, kPhoneNumberSize);  // 40
  io.text(m.subaddress, kSubaddressSize);     // 104
}

template <class Io, MessageOf<OutgoingCallReply> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.call_id);  // offset 12
  io.field(m.peer_call_id);
  io.field(m.result_code);
  io.field(m.error_code);
  io.field(m.cause_code);
  io.field(m.connect_speed);
  io.field(m.packet_recv_window_size);
  io.field(m.packet_processing_delay);
  io.field(m.physical_channel_id);
}

template <class Io, MessageOf<IncomingCallRequest> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.call_id);  // offset 12
  io.field(m.call_serial_number);
  io.field(m.call_bearer_type);
  io.field(m.physical_channel_id);
  io.length(m.dialed_number_length, kPhoneNumberSize);
  io.length(m.dialing_number_length, kPhoneNumberSize);
  io.text(m.dialed_number, kPhoneNumberSize);   // 28
  io.text(m.dialing_number, kPhoneNumberSize);  // 92
  io.text(m.subaddress, kSubaddressSize);       // 156
}

template <class Io, MessageOf<IncomingCallReply> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.call_id);  // offset 12
  io.field(m.peer_call_id);
  io.field(m.result_code);
  io.field(m.error_code);
  io.field(m.packet_recv_window_size);
  io.field(m.packet_transmit_delay);
  io.reserved(2);  // Reserved1
}

template <class Io, MessageOf<IncomingCallConnected> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.peer_call_id);  // offset 12
  io.reserved(2);            // Reserved1
  io.field(m.connect_speed);
  io.field(m.packet_recv_window_size);
  io.field(m.packet_transmit_delay);
  io.field(m.framing_type);
}

template <class Io, MessageOf<CallClearRequest> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.call_id);  // offset 12
  io.reserved(2);       // Reserved1
}

template <class Io, MessageOf<CallDisconnectNotify> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.call_id);  // offset 12
  io.field(m.result_code);
  io.field(m.error_code);
  io.field(m.cause_code);
  io.reserved(2);                                   // Reserved1
  io.text(m.call_statistics, kCallStatisticsSize);  // 20
}

template <class Io, MessageOf<WanErrorNotify> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.peer_call_id);  // offset 12
  io.reserved(2);            // Reserved1
  io.field(m.crc_errors);
  io.field(m.framing_errors);
  io.field(m.hardware_overruns);
  io.field(m.buffer_overruns);
  io.field(m.timeout_errors);
  io.field(m.alignment_errors);
}

template <class Io, MessageOf<SetLinkInfo> M>
constexpr void message_body(Io& io, M& m) {
  io.field(m.peer_call_id);  // offset 12
  io.reserved(2);            // Reserved1
  io.field(m.send_accm);
  io.field(m.receive_accm);
}

}  // namespace pptpkit::wire::detail
