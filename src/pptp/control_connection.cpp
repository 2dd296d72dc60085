// The control connection state machine (RFC 2637 section 3.1), the input
// buffer and the timers; the calls are in call_fsm.cpp.
#include "pptp/control_connection.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "wire/pptp_codec.h"
#include "wire/pptp_framer.h"

namespace pptpkit::pptp {

namespace {

std::string dotted_quad(std::uint32_t address) {
  return fmt::format("{}.{}.{}.{}", address >> 24, (address >> 16) & 0xFF, (address >> 8) & 0xFF,
                     address & 0xFF);
}

template <class StartMessage>
PeerInfo peer_info(const StartMessage& m) {
  return {.protocol_version = m.protocol_version,
          .framing_capabilities = m.framing_capabilities,
          .bearer_capabilities = m.bearer_capabilities,
          .maximum_channels = m.maximum_channels,
          .firmware_revision = m.firmware_revision,
          .host_name = std::string(m.host_name),
          .vendor_string = std::string(m.vendor_string)};
}

// RFC 2637 section 2.16: Bad-Value covers out-of-range fields and non-zero
// Reserved fields; anything else the decoder refuses is a Bad-Format.
wire::GeneralError general_error_for(wire::PptpError error) {
  return error == wire::PptpError::kReservedNotZero || error == wire::PptpError::kBadValue
             ? wire::GeneralError::kBadValue
             : wire::GeneralError::kBadFormat;
}

}  // namespace

std::string_view to_string(CommandError e) {
  switch (e) {
    case CommandError::kWrongState:
      return "wrong state";
    case CommandError::kWrongRole:
      return "wrong role";
    case CommandError::kUnknownCall:
      return "unknown call";
    case CommandError::kTunnelCallLimit:
      return "tunnel call limit";
    case CommandError::kServerCallLimit:
      return "server call limit";
    case CommandError::kPeerChannelLimit:
      return "peer channel limit";
  }
  return "unknown";
}

std::string_view to_string(ConnectionState s) {
  switch (s) {
    case ConnectionState::kIdle:
      return "idle";
    case ConnectionState::kWaitStartRequest:
      return "wait-start-request";
    case ConnectionState::kWaitStartReply:
      return "wait-start-reply";
    case ConnectionState::kCollisionWait:
      return "collision-wait";
    case ConnectionState::kEstablished:
      return "established";
    case ConnectionState::kWaitStopReply:
      return "wait-stop-reply";
    case ConnectionState::kClosed:
      return "closed";
  }
  return "unknown";
}

ControlConnection::ControlConnection(ConnectionConfig config, Origin origin, CallIdAllocator& allocator,
                                     const CollisionCheck* collision, Timestamp now)
    : config_(std::move(config)),
      origin_(origin),
      allocator_(allocator),
      collision_(collision),
      state_(origin == Origin::kResponder ? ConnectionState::kWaitStartRequest : ConnectionState::kIdle),
      state_deadline_(now + config_.timers.start_timeout),
      keepalive_(config_.timers),
      latest_now_(now),
      peer_name_(config_.peer_name.empty() ? dotted_quad(config_.peer_address) : config_.peer_name) {}

ControlConnection::~ControlConnection() {
  for (const Call& call : calls_) allocator_.release(call.call_id, latest_now_);
}

void ControlConnection::note_time(Timestamp now) { latest_now_ = std::max(latest_now_, now); }

void ControlConnection::log(LogLevel level, std::string_view text) {
  emit(LogLine{.level = level,
               .message = fmt::format("pptp {} {}: {}", config_.role == Role::kPac ? "PAC" : "PNS",
                                      peer_name_, text)});
}

void ControlConnection::send_message(const wire::PptpMessage& message) {
  std::array<std::uint8_t, wire::kPptpMaxMessageSize> buffer{};
  // Every message fits: the buffer is the largest message's size, and our
  // number lengths are clamped to their fields.
  auto written = wire::encode_pptp_message(message, buffer);
  if (!written) return;
  out_.insert(out_.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*written));
  log(LogLevel::kDebug, fmt::format("send {}", wire::message_name(message)));
}

std::vector<std::uint8_t> ControlConnection::poll_tcp_out() { return std::exchange(out_, {}); }

std::optional<Event> ControlConnection::poll_event() {
  if (events_.empty()) return std::nullopt;
  Event event = std::move(events_.front());
  events_.pop_front();
  return event;
}

std::optional<Timestamp> ControlConnection::next_deadline() const {
  switch (state_) {
    case ConnectionState::kIdle:
    case ConnectionState::kClosed:
      return std::nullopt;
    case ConnectionState::kEstablished: {
      Timestamp earliest = keepalive_.deadline();
      for (const Call& call : calls_) {
        if (call.has_deadline()) earliest = std::min(earliest, call.deadline);
      }
      return earliest;
    }
    default:
      return state_deadline_;
  }
}

// --- Inputs ---

void ControlConnection::on_tcp_bytes(Timestamp now, Bytes data) {
  note_time(now);
  // The buffer holds one message at most: take what fits, handle every whole
  // message, and go on with the rest of the chunk.
  while (!data.empty() && state_ != ConnectionState::kClosed) {
    const std::size_t take = std::min(data.size(), in_.size() - in_size_);
    std::copy_n(data.begin(), take, in_.begin() + static_cast<std::ptrdiff_t>(in_size_));
    in_size_ += take;
    data = data.subspan(take);
    while (state_ != ConnectionState::kClosed) {
      auto frame = wire::frame_pptp_stream(Bytes(in_.data(), in_size_));
      if (!frame) {
        // RFC 2637 section 2.1: the Magic Cookie detects a stream out of
        // sync; there is no way to find the next message again.
        log(LogLevel::kWarning, fmt::format("unframable stream: {}", wire::to_string(frame.error())));
        finish(now, TunnelDownReason::kProtocolError);
        break;
      }
      if (!frame->complete) break;
      handle_message(now, Bytes(in_.data(), frame->size));
      std::copy(in_.begin() + static_cast<std::ptrdiff_t>(frame->size),
                in_.begin() + static_cast<std::ptrdiff_t>(in_size_), in_.begin());
      in_size_ -= frame->size;
    }
  }
  after_input(now);
}

void ControlConnection::on_tcp_closed(Timestamp now) {
  note_time(now);
  switch (state_) {
    case ConnectionState::kClosed:
      return;
    case ConnectionState::kWaitStopReply:
      // Closing instead of replying still ends the connection as asked.
      finish(now, stop_down_reason_);
      return;
    case ConnectionState::kCollisionWait:
      finish(now, TunnelDownReason::kCollision);
      return;
    default:
      log(LogLevel::kInfo, "peer closed TCP without Stop-Control-Connection-Request: handled as a stop");
      finish(now, TunnelDownReason::kPeerClosed);
  }
}

void ControlConnection::on_timeout(Timestamp now) {
  note_time(now);
  const bool state_timer_due = now >= state_deadline_;
  switch (state_) {
    case ConnectionState::kWaitStartRequest:
    case ConnectionState::kWaitStartReply:
      if (state_timer_due) {
        log(LogLevel::kWarning,
            fmt::format("no Start-Control-Connection message in time ({})", to_string(state_)));
        finish(now, TunnelDownReason::kStartTimeout);
      }
      break;
    case ConnectionState::kCollisionWait:
      if (state_timer_due) finish(now, TunnelDownReason::kCollision);
      break;
    case ConnectionState::kWaitStopReply:
      if (state_timer_due) {
        log(LogLevel::kInfo, "no Stop-Control-Connection-Reply in time: closing");
        finish(now, stop_down_reason_);
      }
      break;
    case ConnectionState::kEstablished:
      run_call_timers(now);
      if (keepalive_.lost(now)) {
        log(LogLevel::kWarning, "no Echo-Reply in time: peer is gone");
        finish(now, TunnelDownReason::kKeepaliveTimeout);
      } else if (auto identifier = keepalive_.echo_due(now)) {
        send_message(wire::EchoRequest{.identifier = *identifier});
      }
      break;
    case ConnectionState::kIdle:
    case ConnectionState::kClosed:
      break;
  }
  after_input(now);
}

void ControlConnection::after_input(Timestamp now) {
  if (out_.size() <= kMaxTcpOut || state_ == ConnectionState::kClosed) return;
  log(LogLevel::kError, fmt::format("{} octets unsent: the peer does not read", out_.size()));
  out_.clear();
  finish(now, TunnelDownReason::kOutputOverflow);
}

void ControlConnection::handle_message(Timestamp now, Bytes raw) {
  // RFC 2637 section 3.1.3: the winner of a collision sends nothing on the
  // loser's connection and only waits for it to close.
  if (state_ == ConnectionState::kCollisionWait) return;
  keepalive_.on_message(now);
  auto decoded = wire::decode_pptp_message(raw);
  if (!decoded) {
    handle_undecodable(now, raw, decoded.error());
    return;
  }
  log(LogLevel::kDebug, fmt::format("recv {}", wire::message_name(*decoded)));
  std::visit([&](const auto& message) { on_message(now, message); }, *decoded);
}

void ControlConnection::handle_undecodable(Timestamp now, Bytes raw, wire::PptpError error) {
  // The framer guarantees a whole header; the first body field is the
  // Identifier or the sender's Call ID of the requests answered below.
  ByteReader reader(raw);
  reader.skip(2);
  const bool control = reader.u16() == wire::kPptpControlMessage;
  reader.skip(4);
  const auto type = static_cast<wire::ControlMessageType>(reader.u16());
  reader.skip(2);
  const std::uint32_t first_field = reader.u32();
  const auto sender_call_id = static_cast<std::uint16_t>(first_field >> 16);
  const auto general_error = general_error_for(error);
  log(LogLevel::kWarning,
      fmt::format("bad {} message: {}", control ? wire::message_name(type) : "non-control",
                  wire::to_string(error)));
  if (!control) {
    unexpected(now, "a non-control message");
    return;
  }
  // A reply that can carry the General Error Code where the request has one
  // (RFC 2637 section 2.16).
  const bool established = state_ == ConnectionState::kEstablished;
  if (type == wire::ControlMessageType::kStartControlConnectionRequest &&
      state_ == ConnectionState::kWaitStartRequest) {
    send_start_reply(wire::StartResult::kGeneralError, general_error);
    finish(now, TunnelDownReason::kProtocolError);
  } else if (type == wire::ControlMessageType::kEchoRequest && established) {
    send_message(wire::EchoReply{.identifier = first_field,
                                 .result_code = wire::EchoResult::kGeneralError,
                                 .error_code = general_error});
  } else if (type == wire::ControlMessageType::kOutgoingCallRequest && established &&
             config_.role == Role::kPac) {
    send_message(wire::OutgoingCallReply{.peer_call_id = sender_call_id,
                                         .result_code = wire::OutgoingCallResult::kGeneralError,
                                         .error_code = general_error});
  } else if (type == wire::ControlMessageType::kIncomingCallRequest && established &&
             config_.role == Role::kPns) {
    send_message(wire::IncomingCallReply{.peer_call_id = sender_call_id,
                                         .result_code = wire::IncomingCallResult::kGeneralError,
                                         .error_code = general_error});
  } else {
    unexpected(now, "an undecodable message");
  }
}

void ControlConnection::unexpected(Timestamp now, std::string_view what) {
  switch (state_) {
    case ConnectionState::kEstablished:
      log(LogLevel::kWarning, fmt::format("unexpected {}: stopping the connection", what));
      send_stop_request(now, wire::StopReason::kNone, TunnelDownReason::kProtocolError);
      break;
    case ConnectionState::kWaitStopReply:
    case ConnectionState::kCollisionWait:
    case ConnectionState::kClosed:
      // Already ending; the peer may not have seen our Stop yet.
      break;
    default:
      log(LogLevel::kWarning, fmt::format("unexpected {} in state {}: closing", what, to_string(state_)));
      finish(now, TunnelDownReason::kProtocolError);
  }
}

// --- Connection messages (RFC 2637 sections 2.1-2.6, 3.1) ---

void ControlConnection::send_start_reply(wire::StartResult result, wire::GeneralError error) {
  // Maximum Channels: the PAC's capacity; a PNS sends 0 (section 2.2).
  send_message(wire::StartControlConnectionReply{
      .result_code = result,
      .error_code = error,
      .framing_capabilities = config_.framing_capabilities,
      .bearer_capabilities = config_.bearer_capabilities,
      .maximum_channels = config_.role == Role::kPac ? config_.max_calls : std::uint16_t{0},
      .firmware_revision = config_.firmware_revision,
      .host_name = config_.host_name,
      .vendor_string = config_.vendor_string});
}

void ControlConnection::establish(Timestamp now, const PeerInfo& peer) {
  state_ = ConnectionState::kEstablished;
  keepalive_.on_message(now);
  peer_maximum_channels_ = peer.maximum_channels;
  log(LogLevel::kInfo,
      fmt::format("tunnel up with \"{}\" (vendor \"{}\", firmware {:#06x}, max channels {})", peer.host_name,
                  peer.vendor_string, peer.firmware_revision, peer.maximum_channels));
  emit(TunnelUp{.peer = peer});
}

void ControlConnection::on_message(Timestamp now, const wire::StartControlConnectionRequest& m) {
  if (state_ == ConnectionState::kEstablished) {
    log(LogLevel::kWarning, "Start-Control-Connection-Request on an established connection");
    send_start_reply(wire::StartResult::kChannelExists, wire::GeneralError::kNone);
    return;
  }
  if (state_ != ConnectionState::kWaitStartRequest) {
    unexpected(now, "Start-Control-Connection-Request");
    return;
  }
  if (m.protocol_version != wire::kPptpProtocolVersion) {
    // Section 2.2: result 5, and our Protocol Version is the highest we
    // support.
    log(LogLevel::kWarning, fmt::format("unsupported protocol version {:#06x}", m.protocol_version));
    send_start_reply(wire::StartResult::kVersionNotSupported, wire::GeneralError::kNone);
    finish(now, TunnelDownReason::kVersionMismatch);
    return;
  }
  if (collision_ != nullptr && collision_->start_request_pending(config_.peer_address)) {
    if (wins_collision(config_.local_address, config_.peer_address)) {
      log(LogLevel::kInfo, "start collision won: keeping our own connection, waiting for this one to close");
      state_ = ConnectionState::kCollisionWait;
      state_deadline_ = now + config_.timers.start_timeout;
      return;
    }
    log(LogLevel::kInfo, "start collision lost: answering the peer's request");
    emit(CollisionLost{});
  }
  send_start_reply(wire::StartResult::kSuccess, wire::GeneralError::kNone);
  establish(now, peer_info(m));
}

void ControlConnection::on_message(Timestamp now, const wire::StartControlConnectionReply& m) {
  if (state_ != ConnectionState::kWaitStartReply) {
    unexpected(now, "Start-Control-Connection-Reply");
    return;
  }
  // Result 1 is success; some PACs in the field send 0 for it.
  const auto result = static_cast<std::uint8_t>(m.result_code);
  if (result != 0 && result != 1) {
    log(LogLevel::kWarning,
        fmt::format("peer refused the connection: {} ({}), error {}", wire::to_string(m.result_code), result,
                    wire::to_string(m.error_code)));
    finish(now, m.result_code == wire::StartResult::kVersionNotSupported ? TunnelDownReason::kVersionMismatch
                                                                         : TunnelDownReason::kRefused);
    return;
  }
  if (m.protocol_version != wire::kPptpProtocolVersion) {
    log(LogLevel::kWarning, fmt::format("peer speaks protocol version {:#06x}", m.protocol_version));
    send_stop_request(now, wire::StopReason::kStopProtocol, TunnelDownReason::kVersionMismatch);
    return;
  }
  establish(now, peer_info(m));
}

void ControlConnection::on_message(Timestamp now, const wire::StopControlConnectionRequest& m) {
  if (state_ != ConnectionState::kEstablished && state_ != ConnectionState::kWaitStopReply) {
    unexpected(now, "Stop-Control-Connection-Request");
    return;
  }
  log(LogLevel::kInfo, fmt::format("peer stops the connection: {}", wire::to_string(m.reason)));
  // Section 2.3: the stop clears every call implicitly; nothing more is sent
  // but the reply.
  const TunnelDownReason reason =
      state_ == ConnectionState::kEstablished ? TunnelDownReason::kPeerStop : stop_down_reason_;
  send_message(wire::StopControlConnectionReply{.result_code = wire::StopResult::kOk,
                                                .error_code = wire::GeneralError::kNone});
  finish(now, reason);
}

void ControlConnection::on_message(Timestamp now, const wire::StopControlConnectionReply& m) {
  if (state_ != ConnectionState::kWaitStopReply) {
    unexpected(now, "Stop-Control-Connection-Reply");
    return;
  }
  if (m.result_code != wire::StopResult::kOk) {
    log(LogLevel::kInfo, fmt::format("peer answered the stop with {}, error {}",
                                     wire::to_string(m.result_code), wire::to_string(m.error_code)));
  }
  finish(now, stop_down_reason_);
}

void ControlConnection::on_message(Timestamp now, const wire::EchoRequest& m) {
  // Section 2.5: every Echo-Request is answered, also while stopping.
  if (state_ != ConnectionState::kEstablished && state_ != ConnectionState::kWaitStopReply) {
    unexpected(now, "Echo-Request");
    return;
  }
  send_message(wire::EchoReply{.identifier = m.identifier,
                               .result_code = wire::EchoResult::kOk,
                               .error_code = wire::GeneralError::kNone});
}

void ControlConnection::on_message(Timestamp now, const wire::EchoReply&) {
  // handle_message already reset the keep-alive: any message proves the
  // peer alive, so the Identifier needs no matching.
  if (state_ != ConnectionState::kEstablished && state_ != ConnectionState::kWaitStopReply) {
    unexpected(now, "Echo-Reply");
  }
}

// --- Commands ---

Status<CommandError> ControlConnection::start(Timestamp now) {
  note_time(now);
  if (origin_ != Origin::kOriginator || state_ != ConnectionState::kIdle)
    return Unexpected{CommandError::kWrongState};
  send_message(wire::StartControlConnectionRequest{
      .framing_capabilities = config_.framing_capabilities,
      .bearer_capabilities = config_.bearer_capabilities,
      .maximum_channels = config_.role == Role::kPac ? config_.max_calls : std::uint16_t{0},
      .firmware_revision = config_.firmware_revision,
      .host_name = config_.host_name,
      .vendor_string = config_.vendor_string});
  state_ = ConnectionState::kWaitStartReply;
  state_deadline_ = now + config_.timers.start_timeout;
  return {};
}

Status<CommandError> ControlConnection::stop(Timestamp now, wire::StopReason reason) {
  note_time(now);
  switch (state_) {
    case ConnectionState::kEstablished:
      log(LogLevel::kInfo, fmt::format("stopping: {}", wire::to_string(reason)));
      send_stop_request(now, reason, TunnelDownReason::kLocalStop);
      return {};
    case ConnectionState::kWaitStopReply:
    case ConnectionState::kClosed:
      return Unexpected{CommandError::kWrongState};
    default:
      finish(now, TunnelDownReason::kLocalStop);
      return {};
  }
}

void ControlConnection::abort(Timestamp now) {
  note_time(now);
  if (state_ == ConnectionState::kClosed) return;
  log(LogLevel::kInfo, "aborted");
  finish(now, TunnelDownReason::kAborted);
}

void ControlConnection::send_stop_request(Timestamp now, wire::StopReason reason,
                                          TunnelDownReason down_reason) {
  // RFC 2637 section 3.1: all calls are cleared before the stop.
  clear_all_calls(now);
  send_message(wire::StopControlConnectionRequest{.reason = reason});
  state_ = ConnectionState::kWaitStopReply;
  state_deadline_ = now + config_.timers.stop_timeout;
  stop_down_reason_ = down_reason;
}

void ControlConnection::finish(Timestamp now, TunnelDownReason reason) {
  end_all_calls(now, CallClearCause::kTunnelDown);
  state_ = ConnectionState::kClosed;
  log(reason == TunnelDownReason::kLocalStop || reason == TunnelDownReason::kPeerStop ? LogLevel::kInfo
                                                                                      : LogLevel::kWarning,
      fmt::format("tunnel down: {}", to_string(reason)));
  emit(TunnelDown{.reason = reason});
}

}  // namespace pptpkit::pptp
