// The call state machines of RFC 2637 section 3.2, both roles and both
// directions: outgoing calls (PNS asks, PAC answers: sections 3.2.3 and
// 3.2.4) and incoming calls (PAC asks, PNS answers: sections 3.2.1 and
// 3.2.2), clearing (Call-Clear-Request, Call-Disconnect-Notify), and the
// per-call notifications WAN-Error-Notify and Set-Link-Info.
#include <fmt/format.h>

#include <algorithm>

#include "pptp/control_connection.h"

namespace pptpkit::pptp {

namespace {

// Replies carry 1 for success; some implementations in the field send 0.
template <class ResultCode>
bool reply_succeeded(ResultCode code) {
  const auto raw = static_cast<std::uint8_t>(code);
  return raw == 0 || raw == 1;
}

// Why the peer refused our call, with the codes as numbers and names
// (RFC 2637 2.8 and 2.10), for the log: the codes are all the caller learns.
template <class ResultCode>
std::string refusal_text(std::uint16_t call_id, ResultCode result, wire::GeneralError error) {
  return fmt::format("call {} refused by the peer: result {} ({}), error {} ({})", call_id,
                     static_cast<int>(result), wire::to_string(result), static_cast<int>(error),
                     wire::to_string(error));
}

std::uint16_t number_length(std::string_view number) {
  return static_cast<std::uint16_t>(std::min(number.size(), wire::kPhoneNumberSize));
}

}  // namespace

// --- Bookkeeping ---

const Call* ControlConnection::find_call(std::uint16_t call_id) const {
  auto it = std::ranges::find(calls_, call_id, &Call::call_id);
  return it == calls_.end() ? nullptr : &*it;
}

Call* ControlConnection::find_call_mut(std::uint16_t call_id) {
  auto it = std::ranges::find(calls_, call_id, &Call::call_id);
  return it == calls_.end() ? nullptr : &*it;
}

Call* ControlConnection::find_peer_call(std::uint16_t peer_call_id) {
  // A call awaiting the peer's reply does not know the peer's Call ID yet.
  auto it = std::ranges::find_if(calls_, [&](const Call& call) {
    return call.state != CallState::kWaitReply && call.peer_call_id == peer_call_id;
  });
  return it == calls_.end() ? nullptr : &*it;
}

Result<std::uint16_t, CommandError> ControlConnection::admit_call(Timestamp now) {
  if (calls_.size() >= config_.max_calls) return Unexpected{CommandError::kTunnelCallLimit};
  auto id = allocator_.allocate(now);
  if (!id) return Unexpected{CommandError::kServerCallLimit};
  return *id;
}

Call& ControlConnection::add_call(Timestamp now, std::uint16_t call_id, CallDirection direction,
                                  CallState state) {
  const Duration wait = state == CallState::kWaitAnswer ? config_.timers.call_answer_timeout
                                                        : config_.timers.call_reply_timeout;
  calls_.push_back(Call{.call_id = call_id, .direction = direction, .state = state, .deadline = now + wait});
  return calls_.back();
}

void ControlConnection::connect_call(Call& call, std::uint32_t connect_speed) {
  call.state = CallState::kEstablished;
  log(LogLevel::kInfo, fmt::format("call {} (peer {}) connected, peer window {}", call.call_id,
                                   call.peer_call_id, call.peer_receive_window));
  emit(CallConnected{.call_id = call.call_id,
                     .peer_call_id = call.peer_call_id,
                     .peer_receive_window = call.peer_receive_window,
                     .peer_processing_delay = call.peer_processing_delay,
                     .connect_speed = connect_speed,
                     .framing_type = call.framing_type});
}

void ControlConnection::end_call(Timestamp now, std::uint16_t call_id, CallCleared cleared) {
  auto it = std::ranges::find(calls_, call_id, &Call::call_id);
  if (it == calls_.end()) return;
  cleared.call_id = call_id;
  cleared.peer_call_id = it->peer_call_id;
  calls_.erase(it);
  allocator_.release(call_id, now);
  log(LogLevel::kInfo,
      fmt::format("call {} (peer {}) cleared: {}", call_id, cleared.peer_call_id, to_string(cleared.cause)));
  emit(std::move(cleared));
}

void ControlConnection::end_all_calls(Timestamp now, CallClearCause cause) {
  while (!calls_.empty()) end_call(now, calls_.front().call_id, CallCleared{.cause = cause});
}

// --- Messages a call sends ---

void ControlConnection::send_call_refusal(const Call& call, bool timed_out) {
  if (config_.role == Role::kPac) {
    // Section 2.8: Time-out is "not established within the time allotted".
    send_message(wire::OutgoingCallReply{.peer_call_id = call.peer_call_id,
                                         .result_code = timed_out ? wire::OutgoingCallResult::kTimeout
                                                                  : wire::OutgoingCallResult::kDoNotAccept,
                                         .error_code = wire::GeneralError::kNone});
  } else {
    // Section 2.10 has no time-out result: a General Error, No-Resource.
    send_message(wire::IncomingCallReply{
        .peer_call_id = call.peer_call_id,
        .result_code =
            timed_out ? wire::IncomingCallResult::kGeneralError : wire::IncomingCallResult::kDoNotAccept,
        .error_code = timed_out ? wire::GeneralError::kNoResource : wire::GeneralError::kNone});
  }
}

void ControlConnection::send_call_clear(const Call& call, wire::DisconnectResult result) {
  // Only the PAC sends Call-Disconnect-Notify and only the PNS
  // Call-Clear-Request (sections 2.12 and 2.13); each carries the sender's ID.
  if (config_.role == Role::kPac) {
    send_message(wire::CallDisconnectNotify{
        .call_id = call.call_id, .result_code = result, .error_code = wire::GeneralError::kNone});
  } else {
    send_message(wire::CallClearRequest{.call_id = call.call_id});
  }
}

void ControlConnection::clear_all_calls(Timestamp now) {
  for (const Call& call : calls_) {
    if (call.state == CallState::kWaitAnswer) {
      send_call_refusal(call, false);
    } else if (call.state != CallState::kWaitDisconnect) {
      send_call_clear(call, wire::DisconnectResult::kAdminShutdown);
    }
  }
  end_all_calls(now, CallClearCause::kLocalClear);
}

void ControlConnection::run_call_timers(Timestamp now) {
  std::vector<std::uint16_t> due;
  for (const Call& call : calls_) {
    if (call.has_deadline() && now >= call.deadline) due.push_back(call.call_id);
  }
  for (std::uint16_t id : due) {
    const Call& call = *find_call(id);
    if (call.state == CallState::kWaitAnswer) {
      log(LogLevel::kWarning, fmt::format("call {} not answered in time: refused", id));
      send_call_refusal(call, true);
      end_call(now, id, CallCleared{.cause = CallClearCause::kNotAnswered});
      continue;
    }
    log(LogLevel::kWarning, fmt::format("call {}: no reply from the peer in time", id));
    if (call.state != CallState::kWaitDisconnect)
      send_call_clear(call, wire::DisconnectResult::kGeneralError);
    end_call(now, id, CallCleared{.cause = CallClearCause::kReplyTimeout});
  }
}

// --- Commands ---

Result<std::uint16_t, CommandError> ControlConnection::place_call(Timestamp now, const CallRequest& request) {
  note_time(now);
  if (state_ != ConnectionState::kEstablished) return Unexpected{CommandError::kWrongState};
  // Section 2.2: Maximum Channels is the PAC's capacity (0: not stated).
  if (config_.role == Role::kPns && peer_maximum_channels_ != 0 && calls_.size() >= peer_maximum_channels_) {
    return Unexpected{CommandError::kPeerChannelLimit};
  }
  auto id = admit_call(now);
  if (!id) return id;
  const std::uint16_t serial = next_serial_++;
  if (config_.role == Role::kPns) {
    send_message(wire::OutgoingCallRequest{.call_id = *id,
                                           .call_serial_number = serial,
                                           .minimum_bps = request.minimum_bps,
                                           .maximum_bps = request.maximum_bps,
                                           .bearer_type = request.bearer_type,
                                           .framing_type = request.framing_type,
                                           .packet_recv_window_size = config_.receive_window,
                                           .packet_processing_delay = config_.processing_delay,
                                           .phone_number_length = number_length(request.phone_number),
                                           .phone_number = request.phone_number,
                                           .subaddress = request.subaddress});
    add_call(now, *id, CallDirection::kOutgoing, CallState::kWaitReply).framing_type = request.framing_type;
  } else {
    send_message(wire::IncomingCallRequest{.call_id = *id,
                                           .call_serial_number = serial,
                                           .call_bearer_type = request.bearer_type,
                                           .physical_channel_id = request.physical_channel_id,
                                           .dialed_number_length = number_length(request.phone_number),
                                           .dialing_number_length = number_length(request.dialing_number),
                                           .dialed_number = request.phone_number,
                                           .dialing_number = request.dialing_number,
                                           .subaddress = request.subaddress});
    add_call(now, *id, CallDirection::kIncoming, CallState::kWaitReply).framing_type = request.framing_type;
  }
  return *id;
}

Status<CommandError> ControlConnection::answer_call(Timestamp now, std::uint16_t call_id,
                                                    const CallAnswer& answer) {
  note_time(now);
  Call* call = find_call_mut(call_id);
  if (call == nullptr) return Unexpected{CommandError::kUnknownCall};
  if (call->state != CallState::kWaitAnswer) return Unexpected{CommandError::kWrongState};
  if (!answer.accept) {
    send_call_refusal(*call, false);
    end_call(now, call_id, CallCleared{.cause = CallClearCause::kNotAnswered});
    return {};
  }
  if (config_.role == Role::kPac) {
    // Section 3.2.3: the PAC has "placed" the call and reports it connected.
    send_message(wire::OutgoingCallReply{.call_id = call_id,
                                         .peer_call_id = call->peer_call_id,
                                         .result_code = wire::OutgoingCallResult::kConnected,
                                         .error_code = wire::GeneralError::kNone,
                                         .connect_speed = config_.connect_speed,
                                         .packet_recv_window_size = config_.receive_window,
                                         .packet_processing_delay = config_.processing_delay,
                                         .physical_channel_id = answer.physical_channel_id});
    connect_call(*call, config_.connect_speed);
  } else {
    // Section 3.2.2: the call is up once the PAC's Incoming-Call-Connected
    // arrives.
    send_message(wire::IncomingCallReply{.call_id = call_id,
                                         .peer_call_id = call->peer_call_id,
                                         .result_code = wire::IncomingCallResult::kConnect,
                                         .error_code = wire::GeneralError::kNone,
                                         .packet_recv_window_size = config_.receive_window,
                                         .packet_transmit_delay = config_.processing_delay});
    call->state = CallState::kWaitConnect;
    call->deadline = now + config_.timers.call_reply_timeout;
  }
  return {};
}

Status<CommandError> ControlConnection::clear_call(Timestamp now, std::uint16_t call_id) {
  note_time(now);
  Call* call = find_call_mut(call_id);
  if (call == nullptr) return Unexpected{CommandError::kUnknownCall};
  if (call->state == CallState::kWaitAnswer) return answer_call(now, call_id, CallAnswer{.accept = false});
  if (call->state == CallState::kWaitDisconnect) return Unexpected{CommandError::kWrongState};
  send_call_clear(*call, wire::DisconnectResult::kAdminShutdown);
  if (config_.role == Role::kPac) {
    end_call(now, call_id, CallCleared{.cause = CallClearCause::kLocalClear});
  } else {
    call->state = CallState::kWaitDisconnect;
    call->deadline = now + config_.timers.call_reply_timeout;
  }
  return {};
}

Status<CommandError> ControlConnection::set_link_info(Timestamp now, std::uint16_t call_id,
                                                      std::uint32_t send_accm, std::uint32_t receive_accm) {
  note_time(now);
  if (config_.role != Role::kPns) return Unexpected{CommandError::kWrongRole};
  const Call* call = find_call(call_id);
  if (call == nullptr) return Unexpected{CommandError::kUnknownCall};
  if (call->state != CallState::kEstablished) return Unexpected{CommandError::kWrongState};
  send_message(wire::SetLinkInfo{
      .peer_call_id = call->peer_call_id, .send_accm = send_accm, .receive_accm = receive_accm});
  return {};
}

// --- Messages from the peer ---

bool ControlConnection::call_message_allowed(Timestamp now, std::string_view what, Role receiver) {
  // While stopping every call is already cleared: late messages are dropped.
  if (state_ == ConnectionState::kWaitStopReply || state_ == ConnectionState::kClosed) return false;
  if (state_ != ConnectionState::kEstablished) {
    unexpected(now, fmt::format("{} before the tunnel is up", what));
    return false;
  }
  if (config_.role != receiver) {
    unexpected(now,
               fmt::format("{}, which only a {} receives", what, receiver == Role::kPac ? "PAC" : "PNS"));
    return false;
  }
  return true;
}

void ControlConnection::on_message(Timestamp now, const wire::OutgoingCallRequest& m) {
  if (!call_message_allowed(now, "Outgoing-Call-Request", Role::kPac)) return;
  auto id = admit_call(now);
  if (!id) {
    log(LogLevel::kWarning,
        fmt::format("Outgoing-Call-Request (peer call {}) refused: {}", m.call_id, to_string(id.error())));
    send_message(wire::OutgoingCallReply{.peer_call_id = m.call_id,
                                         .result_code = wire::OutgoingCallResult::kGeneralError,
                                         .error_code = wire::GeneralError::kNoResource});
    return;
  }
  Call& call = add_call(now, *id, CallDirection::kOutgoing, CallState::kWaitAnswer);
  call.peer_call_id = m.call_id;
  call.peer_receive_window = m.packet_recv_window_size;
  call.peer_processing_delay = m.packet_processing_delay;
  call.framing_type = m.framing_type;
  emit(CallRequested{.call_id = *id,
                     .peer_call_id = m.call_id,
                     .call_serial_number = m.call_serial_number,
                     .direction = CallDirection::kOutgoing,
                     .bearer_type = m.bearer_type,
                     .framing_type = m.framing_type,
                     .minimum_bps = m.minimum_bps,
                     .maximum_bps = m.maximum_bps,
                     .phone_number = std::string(m.phone_number),
                     .subaddress = std::string(m.subaddress)});
}

void ControlConnection::on_message(Timestamp now, const wire::IncomingCallRequest& m) {
  if (!call_message_allowed(now, "Incoming-Call-Request", Role::kPns)) return;
  auto id = admit_call(now);
  if (!id) {
    log(LogLevel::kWarning,
        fmt::format("Incoming-Call-Request (peer call {}) refused: {}", m.call_id, to_string(id.error())));
    send_message(wire::IncomingCallReply{.peer_call_id = m.call_id,
                                         .result_code = wire::IncomingCallResult::kGeneralError,
                                         .error_code = wire::GeneralError::kNoResource});
    return;
  }
  add_call(now, *id, CallDirection::kIncoming, CallState::kWaitAnswer).peer_call_id = m.call_id;
  emit(CallRequested{.call_id = *id,
                     .peer_call_id = m.call_id,
                     .call_serial_number = m.call_serial_number,
                     .direction = CallDirection::kIncoming,
                     .bearer_type = m.call_bearer_type,
                     .phone_number = std::string(m.dialed_number),
                     .dialing_number = std::string(m.dialing_number),
                     .subaddress = std::string(m.subaddress)});
}

void ControlConnection::on_message(Timestamp now, const wire::OutgoingCallReply& m) {
  if (!call_message_allowed(now, "Outgoing-Call-Reply", Role::kPns)) return;
  Call* call = find_call_mut(m.peer_call_id);
  if (call == nullptr || call->state != CallState::kWaitReply) {
    // A late reply to a call we already cleared: nothing answers a reply.
    log(LogLevel::kWarning,
        fmt::format("Outgoing-Call-Reply for no pending call {}: ignored", m.peer_call_id));
    return;
  }
  call->peer_call_id = m.call_id;
  if (!reply_succeeded(m.result_code)) {
    log(LogLevel::kWarning, refusal_text(m.peer_call_id, m.result_code, m.error_code));
    end_call(now, m.peer_call_id,
             CallCleared{.cause = CallClearCause::kPeerRefused,
                         .result_code = static_cast<std::uint8_t>(m.result_code),
                         .error_code = m.error_code,
                         .cause_code = m.cause_code});
    return;
  }
  call->peer_receive_window = m.packet_recv_window_size;
  call->peer_processing_delay = m.packet_processing_delay;
  connect_call(*call, m.connect_speed);
}

void ControlConnection::on_message(Timestamp now, const wire::IncomingCallReply& m) {
  if (!call_message_allowed(now, "Incoming-Call-Reply", Role::kPac)) return;
  Call* call = find_call_mut(m.peer_call_id);
  if (call == nullptr || call->state != CallState::kWaitReply) {
    log(LogLevel::kWarning,
        fmt::format("Incoming-Call-Reply for no pending call {}: ignored", m.peer_call_id));
    return;
  }
  call->peer_call_id = m.call_id;
  if (!reply_succeeded(m.result_code)) {
    log(LogLevel::kWarning, refusal_text(m.peer_call_id, m.result_code, m.error_code));
    end_call(now, m.peer_call_id,
             CallCleared{.cause = CallClearCause::kPeerRefused,
                         .result_code = static_cast<std::uint8_t>(m.result_code),
                         .error_code = m.error_code});
    return;
  }
  call->peer_receive_window = m.packet_recv_window_size;
  call->peer_processing_delay = m.packet_transmit_delay;
  if (call->framing_type == wire::FramingType::kAny) call->framing_type = wire::FramingType::kAsync;
  // Section 3.2.1: the PAC answers the line and confirms with
  // Incoming-Call-Connected.
  send_message(wire::IncomingCallConnected{.peer_call_id = m.call_id,
                                           .connect_speed = config_.connect_speed,
                                           .packet_recv_window_size = config_.receive_window,
                                           .packet_transmit_delay = config_.processing_delay,
                                           .framing_type = call->framing_type});
  connect_call(*call, config_.connect_speed);
}

void ControlConnection::on_message(Timestamp now, const wire::IncomingCallConnected& m) {
  if (!call_message_allowed(now, "Incoming-Call-Connected", Role::kPns)) return;
  Call* call = find_call_mut(m.peer_call_id);
  if (call == nullptr || call->state != CallState::kWaitConnect) {
    log(LogLevel::kWarning,
        fmt::format("Incoming-Call-Connected for no waiting call {}: ignored", m.peer_call_id));
    return;
  }
  call->peer_receive_window = m.packet_recv_window_size;
  call->peer_processing_delay = m.packet_transmit_delay;
  call->framing_type = m.framing_type;
  connect_call(*call, m.connect_speed);
}

void ControlConnection::on_message(Timestamp now, const wire::CallClearRequest& m) {
  if (!call_message_allowed(now, "Call-Clear-Request", Role::kPac)) return;
  Call* call = find_peer_call(m.call_id);
  if (call == nullptr) {
    // Section 2.16: Bad-Call ID; there is no call of ours to name.
    log(LogLevel::kWarning, fmt::format("Call-Clear-Request for unknown peer call {}", m.call_id));
    send_message(wire::CallDisconnectNotify{.result_code = wire::DisconnectResult::kGeneralError,
                                            .error_code = wire::GeneralError::kBadCallId});
    return;
  }
  // Section 3.2.3: answered with Call-Disconnect-Notify, result Request.
  if (call->state == CallState::kWaitAnswer) {
    send_call_refusal(*call, false);
  } else {
    send_call_clear(*call, wire::DisconnectResult::kRequest);
  }
  end_call(now, call->call_id, CallCleared{.cause = CallClearCause::kPeerClearRequest});
}

void ControlConnection::on_message(Timestamp now, const wire::CallDisconnectNotify& m) {
  if (!call_message_allowed(now, "Call-Disconnect-Notify", Role::kPns)) return;
  const Call* call = find_peer_call(m.call_id);
  if (call == nullptr) {
    log(LogLevel::kWarning,
        fmt::format("Call-Disconnect-Notify for unknown peer call {}: ignored", m.call_id));
    return;
  }
  end_call(now, call->call_id,
           CallCleared{.cause = CallClearCause::kPeerDisconnect,
                       .result_code = static_cast<std::uint8_t>(m.result_code),
                       .error_code = m.error_code,
                       .cause_code = m.cause_code,
                       .call_statistics = std::string(m.call_statistics)});
}

void ControlConnection::on_message(Timestamp now, const wire::WanErrorNotify& m) {
  if (!call_message_allowed(now, "WAN-Error-Notify", Role::kPns)) return;
  if (find_call(m.peer_call_id) == nullptr) {
    log(LogLevel::kWarning, fmt::format("WAN-Error-Notify for unknown call {}: ignored", m.peer_call_id));
    return;
  }
  emit(WanErrorReported{.call_id = m.peer_call_id, .counters = m});
}

void ControlConnection::on_message(Timestamp now, const wire::SetLinkInfo& m) {
  // Section 2.15 has the PNS send it, but some PACs do too: accepted in
  // either role, it changes nothing but the event.
  if (!call_message_allowed(now, "Set-Link-Info", config_.role)) return;
  if (find_call(m.peer_call_id) == nullptr) {
    log(LogLevel::kWarning, fmt::format("Set-Link-Info for unknown call {}: ignored", m.peer_call_id));
    return;
  }
  emit(LinkInfoChanged{.call_id = m.peer_call_id, .send_accm = m.send_accm, .receive_accm = m.receive_accm});
}

}  // namespace pptpkit::pptp
