#include "ppp/fsm.h"

#include <algorithm>
#include <array>

#include "wire/ppp_options.h"

namespace pptpkit::ppp {

using wire::PppControlPacket;

std::string_view to_string(FsmState s) {
  static constexpr std::array<std::string_view, 10> kNames{"Initial",  "Starting", "Closed",   "Stopped",
                                                           "Closing",  "Stopping", "Req-Sent", "Ack-Rcvd",
                                                           "Ack-Sent", "Opened"};
  return kNames[static_cast<std::size_t>(s)];
}

Fsm::Fsm(std::uint16_t protocol, FsmHandler& handler, ControlOutput& output, FsmLimits limits)
    : protocol_(protocol), handler_(handler), output_(output), limits_(limits) {}

namespace {

// The states in which the restart timer runs (RFC 1661 4.2, 4.6).
bool timer_runs_in(FsmState s) {
  switch (s) {
    case FsmState::kClosing:
    case FsmState::kStopping:
    case FsmState::kReqSent:
    case FsmState::kAckRcvd:
    case FsmState::kAckSent:
      return true;
    default:
      return false;
  }
}

bool negotiating(FsmState s) {
  return s == FsmState::kReqSent || s == FsmState::kAckRcvd || s == FsmState::kAckSent;
}

}  // namespace

void Fsm::set_state(FsmState s) {
  state_ = s;
  if (!timer_runs_in(s)) deadline_.reset();
}

// --- actions (RFC 1661 4.4) -------------------------------------------------

void Fsm::send_packet(Timestamp now, std::uint8_t code, std::uint8_t identifier, Bytes data) {
  scratch_.resize(wire::kPppControlHeaderSize + data.size());
  if (wire::encode_ppp_control_packet(code, identifier, data, scratch_)) {
    output_.send_control(now, protocol_, scratch_);
  }
}

std::uint8_t Fsm::send_new_packet(Timestamp now, std::uint8_t code, Bytes data) {
  const std::uint8_t identifier = next_identifier_++;
  send_packet(now, code, identifier, data);
  return identifier;
}

void Fsm::send_configure_request(Timestamp now, Request kind) {
  if (kind == Request::kFresh) {
    handler_.reset_negotiation();
    failure_count_ = 0;
  }
  if (kind != Request::kRetransmit) {
    // RFC 1661 5.1: a new Identifier whenever the contents may have changed.
    // Our requests carry a handful of fixed-size options (LCP's are the
    // longest, under 40 octets).
    std::array<std::uint8_t, 256> options{};
    ByteWriter w(options);
    handler_.write_request(w);
    const Bytes written = w.written();
    request_options_.assign(written.begin(), written.end());
    request_identifier_ = next_identifier_++;
  }
  --restart_count_;
  start_timer(now);
  send_packet(now, wire::kPppConfigureRequest, request_identifier_, request_options_);
}

void Fsm::send_terminate_request(Timestamp now) {
  --restart_count_;
  start_timer(now);
  const std::string_view text = to_string(close_reason_);
  send_new_packet(now, wire::kPppTerminateRequest,
                  Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

void Fsm::send_terminate_ack(Timestamp now, std::uint8_t identifier) {
  send_packet(now, wire::kPppTerminateAck, identifier, {});
}

void Fsm::send_code_reject(Timestamp now, const PppControlPacket& packet) {
  // RFC 1661 5.6: the rejected packet, Information field only, truncated so
  // the Code-Reject fits the peer's MRU.
  std::vector<std::uint8_t> rejected(wire::kPppControlHeaderSize + packet.data.size());
  if (!wire::encode_ppp_control_packet(packet.code, packet.identifier, packet.data, rejected)) return;
  const std::size_t room = output_.peer_mru() - wire::kPppControlHeaderSize;
  rejected.resize(std::min(rejected.size(), room));
  send_new_packet(now, wire::kPppCodeReject, rejected);
}

// --- administrative and lower-layer events (RFC 1661 4.3) -------------------

void Fsm::up(Timestamp now) {
  switch (state_) {
    case FsmState::kInitial:
      set_state(FsmState::kClosed);
      break;
    case FsmState::kStarting:
      set_state(FsmState::kReqSent);
      init_restart_count(limits_.max_configure);
      send_configure_request(now, Request::kFresh);
      break;
    default:  // the lower layer is already up: cannot happen
      break;
  }
}

void Fsm::down(Timestamp now) {
  switch (state_) {
    case FsmState::kClosed:
    case FsmState::kClosing:
      set_state(FsmState::kInitial);
      break;
    case FsmState::kStopped:
      set_state(FsmState::kStarting);
      handler_.layer_started(now);
      break;
    case FsmState::kStopping:
    case FsmState::kReqSent:
    case FsmState::kAckRcvd:
    case FsmState::kAckSent:
      set_state(FsmState::kStarting);
      break;
    case FsmState::kOpened:
      set_state(FsmState::kStarting);
      handler_.layer_down(now);
      break;
    default:  // already down: cannot happen
      break;
  }
}

void Fsm::admin_open(Timestamp now) {
  switch (state_) {
    case FsmState::kInitial:
      set_state(FsmState::kStarting);
      handler_.layer_started(now);
      break;
    case FsmState::kClosed:
      set_state(FsmState::kReqSent);
      init_restart_count(limits_.max_configure);
      send_configure_request(now, Request::kFresh);
      break;
    case FsmState::kClosing:
      set_state(FsmState::kStopping);
      break;
    default:  // already open (no restart option)
      break;
  }
}

void Fsm::admin_close(Timestamp now, CloseReason reason) {
  close_reason_ = reason;
  switch (state_) {
    case FsmState::kStarting:
      set_state(FsmState::kInitial);
      handler_.layer_finished(now);
      break;
    case FsmState::kStopped:
      set_state(FsmState::kClosed);
      break;
    case FsmState::kStopping:
      set_state(FsmState::kClosing);
      break;
    case FsmState::kReqSent:
    case FsmState::kAckRcvd:
    case FsmState::kAckSent:
      set_state(FsmState::kClosing);
      init_restart_count(limits_.max_terminate);
      send_terminate_request(now);
      break;
    case FsmState::kOpened:
      set_state(FsmState::kClosing);
      handler_.layer_down(now);
      init_restart_count(limits_.max_terminate);
      send_terminate_request(now);
      break;
    default:  // Initial, Closed, Closing: nothing to do
      break;
  }
}

// --- timer (RFC 1661 4.3 TO+ and TO-) ----------------------------------------

void Fsm::on_timeout(Timestamp now) {
  if (!deadline_ || now < *deadline_) return;
  deadline_.reset();
  if (restart_count_ > 0) {
    switch (state_) {
      case FsmState::kClosing:
      case FsmState::kStopping:
        send_terminate_request(now);
        break;
      case FsmState::kReqSent:
      case FsmState::kAckRcvd:
        set_state(FsmState::kReqSent);
        send_configure_request(now, Request::kRetransmit);
        break;
      case FsmState::kAckSent:
        send_configure_request(now, Request::kRetransmit);
        break;
      default:
        break;
    }
    return;
  }
  switch (state_) {
    case FsmState::kClosing:
      set_state(FsmState::kClosed);
      handler_.layer_finished(now);
      break;
    case FsmState::kReqSent:
    case FsmState::kAckRcvd:
    case FsmState::kAckSent:
      close_reason_ = CloseReason::kNoResponse;
      [[fallthrough]];
    case FsmState::kStopping:
      set_state(FsmState::kStopped);
      handler_.layer_finished(now);
      break;
    default:
      break;
  }
}

// --- received packets (RFC 1661 4.3 and 5) ----------------------------------

void Fsm::on_packet(Timestamp now, const PppControlPacket& packet) {
  // Initial and Starting: the lower layer is down, nothing can arrive.
  if (state_ == FsmState::kInitial || state_ == FsmState::kStarting) return;
  switch (packet.code) {
    case wire::kPppConfigureRequest:
      receive_configure_request(now, packet);
      break;
    case wire::kPppConfigureAck:
      receive_configure_ack(now, packet);
      break;
    case wire::kPppConfigureNak:
    case wire::kPppConfigureReject:
      receive_configure_nak_or_reject(now, packet);
      break;
    case wire::kPppTerminateRequest:
      receive_terminate_request(now, packet);
      break;
    case wire::kPppTerminateAck:
      receive_terminate_ack(now);
      break;
    case wire::kPppCodeReject:
      receive_code_reject(now, packet);
      break;
    default:
      if (!handler_.on_extra_code(now, packet)) send_code_reject(now, packet);  // RUC: scj
      break;
  }
}

bool Fsm::answers_outstanding_request(const PppControlPacket& packet) const {
  return negotiating(state_) || state_ == FsmState::kOpened ? packet.identifier == request_identifier_
                                                            : false;
}

bool Fsm::rejects_only_sent_options(Bytes options) const {
  for (wire::PppOptionReader r(options); !r.done();) {
    auto option = r.next();
    if (!option) return false;
    bool sent = false;
    for (wire::PppOptionReader mine(request_options_); !mine.done() && !sent;) {
      auto ours = mine.next();
      sent = ours && ours->type == option->type && std::ranges::equal(ours->value, option->value);
    }
    if (!sent) return false;
  }
  return true;
}

void Fsm::receive_configure_request(Timestamp now, const PppControlPacket& packet) {
  switch (state_) {
    case FsmState::kClosed:
      send_terminate_ack(now, packet.identifier);
      return;
    case FsmState::kClosing:
    case FsmState::kStopping:
      return;
    default:
      break;
  }
  reply_.clear();
  const Verdict verdict = handler_.examine_request(packet.data, reply_);
  if (verdict.kind == Verdict::Kind::kMalformed) return;
  if (verdict.kind == Verdict::Kind::kRefused) {
    admin_close(now, verdict.reason);
    return;
  }
  if (!reply_.has_rejects() && reply_.has_naks() && failure_count_ >= limits_.max_failure) {
    reply_.naks_become_rejects();
  }
  const bool acceptable = !reply_.has_rejects() && !reply_.has_naks();
  const FsmState before = state_;
  switch (before) {
    case FsmState::kAckRcvd:
      set_state(acceptable ? FsmState::kOpened : FsmState::kAckRcvd);
      break;
    default:  // Stopped, Req-Sent, Ack-Sent, Opened
      set_state(acceptable ? FsmState::kAckSent : FsmState::kReqSent);
      break;
  }
  if (before == FsmState::kOpened) handler_.layer_down(now);
  if (before == FsmState::kStopped) {
    init_restart_count(limits_.max_configure);
    send_configure_request(now, Request::kFresh);
  } else if (before == FsmState::kOpened) {
    send_configure_request(now, Request::kFresh);
  }
  if (acceptable) {
    failure_count_ = 0;
    send_packet(now, wire::kPppConfigureAck, packet.identifier, packet.data);
  } else if (reply_.has_rejects()) {
    send_packet(now, wire::kPppConfigureReject, packet.identifier, reply_.rejects());
  } else {
    ++failure_count_;
    send_packet(now, wire::kPppConfigureNak, packet.identifier, reply_.naks());
  }
  if (state_ == FsmState::kOpened && before == FsmState::kAckRcvd) handler_.layer_up(now);
}

void Fsm::receive_configure_ack(Timestamp now, const PppControlPacket& packet) {
  switch (state_) {
    case FsmState::kClosed:
    case FsmState::kStopped:
      send_terminate_ack(now, packet.identifier);
      return;
    case FsmState::kClosing:
    case FsmState::kStopping:
      return;
    default:
      break;
  }
  // RFC 1661 5.2: the Identifier and every option must match the request.
  if (!answers_outstanding_request(packet) || !std::ranges::equal(packet.data, request_options_)) return;
  switch (state_) {
    case FsmState::kReqSent:
      set_state(FsmState::kAckRcvd);
      init_restart_count(limits_.max_configure);
      handler_.on_ack();
      break;
    case FsmState::kAckRcvd:  // crossed connection
      set_state(FsmState::kReqSent);
      send_configure_request(now, Request::kNext);
      break;
    case FsmState::kAckSent:
      set_state(FsmState::kOpened);
      init_restart_count(limits_.max_configure);
      handler_.on_ack();
      handler_.layer_up(now);
      break;
    case FsmState::kOpened:  // crossed connection
      set_state(FsmState::kReqSent);
      handler_.layer_down(now);
      send_configure_request(now, Request::kFresh);
      break;
    default:
      break;
  }
}

void Fsm::receive_configure_nak_or_reject(Timestamp now, const PppControlPacket& packet) {
  switch (state_) {
    case FsmState::kClosed:
    case FsmState::kStopped:
      send_terminate_ack(now, packet.identifier);
      return;
    case FsmState::kClosing:
    case FsmState::kStopping:
      return;
    default:
      break;
  }
  if (!answers_outstanding_request(packet)) return;
  const bool is_reject = packet.code == wire::kPppConfigureReject;
  if (is_reject && !rejects_only_sent_options(packet.data)) return;
  const FsmState before = state_;
  if (before == FsmState::kOpened) {
    set_state(FsmState::kReqSent);
    handler_.layer_down(now);
  }
  const Verdict verdict = is_reject ? handler_.on_reject(packet.data) : handler_.on_nak(packet.data);
  if (verdict.kind == Verdict::Kind::kMalformed) return;
  if (verdict.kind == Verdict::Kind::kRefused) {
    admin_close(now, verdict.reason);
    return;
  }
  switch (before) {
    case FsmState::kReqSent:
      init_restart_count(limits_.max_configure);
      send_configure_request(now, Request::kNext);
      break;
    case FsmState::kAckRcvd:
      set_state(FsmState::kReqSent);
      send_configure_request(now, Request::kNext);
      break;
    case FsmState::kAckSent:
      init_restart_count(limits_.max_configure);
      send_configure_request(now, Request::kNext);
      break;
    case FsmState::kOpened:
      send_configure_request(now, Request::kNext);
      break;
    default:
      break;
  }
}

void Fsm::receive_terminate_request(Timestamp now, const PppControlPacket& packet) {
  switch (state_) {
    case FsmState::kReqSent:
    case FsmState::kAckRcvd:
    case FsmState::kAckSent:
      set_state(FsmState::kReqSent);
      break;
    case FsmState::kOpened:
      // RFC 1661 4.4 zrc: wait one restart period before finishing, so the
      // Terminate-Ack can reach the peer.
      close_reason_ = CloseReason::kPeerTerminated;
      set_state(FsmState::kStopping);
      handler_.layer_down(now);
      restart_count_ = 0;
      start_timer(now);
      break;
    default:  // Closed, Stopped, Closing, Stopping: state unchanged
      break;
  }
  send_terminate_ack(now, packet.identifier);
}

void Fsm::receive_terminate_ack(Timestamp now) {
  switch (state_) {
    case FsmState::kClosing:
      set_state(FsmState::kClosed);
      handler_.layer_finished(now);
      break;
    case FsmState::kStopping:
      set_state(FsmState::kStopped);
      handler_.layer_finished(now);
      break;
    case FsmState::kAckRcvd:
      set_state(FsmState::kReqSent);
      break;
    case FsmState::kOpened:
      set_state(FsmState::kReqSent);
      handler_.layer_down(now);
      send_configure_request(now, Request::kFresh);
      break;
    default:  // Closed, Stopped, Req-Sent, Ack-Sent: state unchanged
      break;
  }
}

void Fsm::receive_code_reject(Timestamp now, const PppControlPacket& packet) {
  auto rejected = wire::decode_code_reject(packet);
  if (!rejected || rejected->empty()) return;
  // RFC 1661 5.6: a rejected Configure-* or Terminate-* code (1 to 7) means
  // the automaton cannot work (RXJ-); any other code is optional (RXJ+).
  const std::uint8_t code = (*rejected)[0];
  if (code >= wire::kPppConfigureRequest && code <= wire::kPppCodeReject) {
    close_reason_ = CloseReason::kCodeRejected;
    catastrophic_reject(now);
  }
}

void Fsm::protocol_rejected(Timestamp now) {
  if (state_ == FsmState::kInitial || state_ == FsmState::kStarting) return;
  close_reason_ = CloseReason::kProtocolRejected;
  catastrophic_reject(now);
}

void Fsm::catastrophic_reject(Timestamp now) {
  switch (state_) {
    case FsmState::kClosed:
    case FsmState::kClosing:
      set_state(FsmState::kClosed);
      handler_.layer_finished(now);
      break;
    case FsmState::kStopped:
    case FsmState::kStopping:
    case FsmState::kReqSent:
    case FsmState::kAckRcvd:
    case FsmState::kAckSent:
      set_state(FsmState::kStopped);
      handler_.layer_finished(now);
      break;
    case FsmState::kOpened:
      set_state(FsmState::kStopping);
      handler_.layer_down(now);
      init_restart_count(limits_.max_terminate);
      send_terminate_request(now);
      break;
    default:
      break;
  }
}

}  // namespace pptpkit::ppp
