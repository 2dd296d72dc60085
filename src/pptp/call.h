// One call on a control connection and its state (RFC 2637 section 3.2).
// The transitions live in ControlConnection (call_fsm.cpp), which owns the
// messages, the events and the Call ID allocator they need.
#pragma once

#include <cstdint>

#include "base/time.h"
#include "pptp/events.h"

namespace pptpkit::pptp {

enum class CallState : std::uint8_t {
  // The peer's Outgoing- (at a PAC) or Incoming-Call-Request (at a PNS) was
  // reported to the owner, which has not answered yet.
  kWaitAnswer,
  // Our Outgoing- (PNS) or Incoming-Call-Request (PAC) awaits its reply.
  kWaitReply,
  // PNS: Incoming-Call-Reply sent, Incoming-Call-Connected awaited.
  kWaitConnect,
  kEstablished,
  // PNS: Call-Clear-Request sent, Call-Disconnect-Notify awaited.
  kWaitDisconnect,
};

struct Call {
  std::uint16_t call_id = 0;       // ours, from the CallIdAllocator
  std::uint16_t peer_call_id = 0;  // 0 until the peer's message names it
  CallDirection direction = CallDirection::kOutgoing;
  CallState state = CallState::kWaitAnswer;
  // When the state's wait ends; kEstablished waits for nothing.
  Timestamp deadline{};
  // The peer's Packet Recv Window Size and Processing Delay from its request,
  // reported once the call connects.
  std::uint16_t peer_receive_window = 0;
  std::uint16_t peer_processing_delay = 0;
  wire::FramingType framing_type{};

  bool has_deadline() const { return state != CallState::kEstablished; }
};

}  // namespace pptpkit::pptp
