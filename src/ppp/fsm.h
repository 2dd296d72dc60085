// The option-negotiation automaton of RFC 1661 section 4, written once and
// driven by LCP, IPCP, IPV6CP and CCP. The protocol-specific part (which
// options to request, how to judge the peer's, what to do when the layer
// comes up) sits behind FsmHandler; packets leave through ControlOutput.
//
// Events are the RFC's: up()/down() (lower layer), open()/close()
// (administrative), on_timeout() (TO+ / TO-), on_packet() (RCR+, RCR-, RCA,
// RCN, RTR, RTA, RUC, RXJ+, RXJ-, RXR) and reject() for a Protocol-Reject
// naming this protocol (RXJ-). The "restart" option of the Open event is not
// implemented (an Open in Stopped, Closing, Stopping or Opened changes no
// more than the table's state); the "passive" option is (TO- in Req-Sent,
// Ack-Rcvd and Ack-Sent leaves the automaton in Stopped, answering a peer
// that shows up later).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/time.h"
#include "ppp/close_reason.h"
#include "ppp/configure_reply.h"
#include "wire/ppp_control.h"

namespace pptpkit::ppp {

enum class FsmState : std::uint8_t {
  kInitial,
  kStarting,
  kClosed,
  kStopped,
  kClosing,
  kStopping,
  kReqSent,
  kAckRcvd,
  kAckSent,
  kOpened,
};

std::string_view to_string(FsmState s);

// RFC 1661 4.6: the restart timer and its counters, with the RFC's defaults.
struct FsmLimits {
  Timestamp restart_interval = std::chrono::seconds(3);
  int max_terminate = 2;
  int max_configure = 10;
  int max_failure = 5;
};

// What a handler concluded from a packet of the negotiation.
struct Verdict {
  enum class Kind : std::uint8_t {
    kApplied,    // understood; negotiation goes on
    kMalformed,  // invalid: silently discarded (RFC 1661 5.2-5.4)
    kRefused,    // negotiation cannot converge: the automaton closes
  };
  Kind kind = Kind::kApplied;
  CloseReason reason = CloseReason::kAdministrative;  // meaningful for kRefused

  static Verdict applied() { return {}; }
  static Verdict malformed() { return {Kind::kMalformed}; }
  static Verdict refused(CloseReason r) { return {Kind::kRefused, r}; }
};

// The protocol riding on the automaton: option handling and the RFC's
// this-layer actions (tlu, tld, tls, tlf of RFC 1661 4.4).
class FsmHandler {
 public:
  virtual ~FsmHandler() = default;

  // Negotiation starts afresh: forget what the peer's Naks and Rejects
  // taught us and request what the configuration asks for.
  virtual void reset_negotiation() = 0;
  // RFC 1661 5.1: the options of our next Configure-Request.
  virtual void write_request(ByteWriter& w) = 0;
  // RFC 1661 5.1: judge the peer's options, recording Naks and Rejects.
  virtual Verdict examine_request(Bytes options, ConfigureReply& reply) = 0;
  // RFC 1661 5.2: the peer acknowledged our last request (the automaton has
  // checked that the options are exactly the ones sent).
  virtual void on_ack() = 0;
  // RFC 1661 5.3 and 5.4: adjust our next request. Every rejected option is
  // one we sent (the automaton checked).
  virtual Verdict on_nak(Bytes options) = 0;
  virtual Verdict on_reject(Bytes options) = 0;

  virtual void layer_up(Timestamp now) = 0;
  virtual void layer_down(Timestamp now) = 0;
  virtual void layer_started(Timestamp now) = 0;
  virtual void layer_finished(Timestamp now) = 0;

  // Codes past Code-Reject (LCP's 8 to 13, CCP's Reset-Request/Ack): true if
  // the protocol knows the code, false makes it an RUC event.
  virtual bool on_extra_code(Timestamp now, const wire::PppControlPacket& packet) = 0;
};

// Where control packets go (the link frames, logs and queues them).
class ControlOutput {
 public:
  virtual ~ControlOutput() = default;
  // `packet` is Code, Identifier, Length and Data of `protocol`.
  virtual void send_control(Timestamp now, std::uint16_t protocol, Bytes packet) = 0;
  // RFC 1661 5.6: Code-Reject truncates the rejected packet to the peer's MRU.
  virtual std::size_t peer_mru() const = 0;
};

class Fsm {
 public:
  Fsm(std::uint16_t protocol, FsmHandler& handler, ControlOutput& output, FsmLimits limits = {});

  std::uint16_t protocol() const { return protocol_; }
  FsmState state() const { return state_; }
  bool opened() const { return state_ == FsmState::kOpened; }
  // The reason of the last Close event or refused negotiation, for the
  // handler's layer_finished().
  CloseReason close_reason() const { return close_reason_; }

  void up(Timestamp now);
  void down(Timestamp now);
  void admin_open(Timestamp now);
  void admin_close(Timestamp now, CloseReason reason);

  // RFC 1661 5: one packet of this protocol, already decoded.
  void on_packet(Timestamp now, const wire::PppControlPacket& packet);
  // RFC 1661 5.7: the peer rejected this whole protocol (RXJ-).
  void protocol_rejected(Timestamp now);

  void on_timeout(Timestamp now);
  std::optional<Timestamp> next_deadline() const { return deadline_; }

  // Sends a packet of this protocol with a fresh identifier (LCP's
  // Echo-Request, CCP's Reset-Request). Returns the identifier used.
  std::uint8_t send_new_packet(Timestamp now, std::uint8_t code, Bytes data);
  // Sends a packet of this protocol (replies reuse the request's identifier).
  void send_packet(Timestamp now, std::uint8_t code, std::uint8_t identifier, Bytes data);

 private:
  void set_state(FsmState s);
  void start_timer(Timestamp now) { deadline_ = now + limits_.restart_interval; }

  // How a Configure-Request relates to the previous one.
  enum class Request : std::uint8_t {
    kFresh,       // negotiation starts over: options from the configuration
    kNext,        // after a Nak, Reject or crossed Ack: new options, new Identifier
    kRetransmit,  // TO+: the same packet again
  };

  void init_restart_count(int count) { restart_count_ = count; }
  void send_configure_request(Timestamp now, Request kind);
  void send_terminate_request(Timestamp now);
  void send_terminate_ack(Timestamp now, std::uint8_t identifier);
  void send_code_reject(Timestamp now, const wire::PppControlPacket& packet);

  void receive_configure_request(Timestamp now, const wire::PppControlPacket& packet);
  void receive_configure_ack(Timestamp now, const wire::PppControlPacket& packet);
  void receive_configure_nak_or_reject(Timestamp now, const wire::PppControlPacket& packet);
  void receive_terminate_request(Timestamp now, const wire::PppControlPacket& packet);
  void receive_terminate_ack(Timestamp now);
  void receive_code_reject(Timestamp now, const wire::PppControlPacket& packet);
  void catastrophic_reject(Timestamp now);

  // True when a Configure-Ack/Nak/Reject answers our outstanding request.
  bool answers_outstanding_request(const wire::PppControlPacket& packet) const;
  // RFC 1661 5.4: every rejected option must be one we sent, unmodified.
  bool rejects_only_sent_options(Bytes options) const;

  std::uint16_t protocol_;
  FsmHandler& handler_;
  ControlOutput& output_;
  FsmLimits limits_;

  FsmState state_ = FsmState::kInitial;
  int restart_count_ = 0;
  int failure_count_ = 0;
  std::optional<Timestamp> deadline_;
  CloseReason close_reason_ = CloseReason::kAdministrative;

  std::uint8_t next_identifier_ = 1;
  std::uint8_t request_identifier_ = 0;
  std::vector<std::uint8_t> request_options_;  // Data of our outstanding Configure-Request
  ConfigureReply reply_;
  std::vector<std::uint8_t> scratch_;
};

}  // namespace pptpkit::ppp
