// One PPTP control connection (RFC 2637 section 3.1) and the calls it carries
// (section 3.2), for either role, without I/O. The runtime feeds it what the
// TCP socket delivers, the current time and its owner's commands; it returns
// bytes to send, events and its next deadline, in the manner of ngtcp2:
//
//   conn.on_tcp_bytes(now, data);           // or on_tcp_closed / on_timeout
//   send(conn.poll_tcp_out());              // everything to write
//   while (auto e = conn.poll_event()) ...  // TunnelUp, CallRequested, LogLine...
//   timer.arm(conn.next_deadline());        // then on_timeout(now) when it fires
//   if (conn.finished()) close TCP once written;
//
// Messages the state does not allow get the RFC's answer: a reply carrying
// General Error Code where the request has one, otherwise a
// Stop-Control-Connection-Request (tunnel up) or closing the connection
// (tunnel not up yet). Every such case is reported as a LogLine naming the
// peer and the reason. docs/pptp.md lists states, timers and result codes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "base/time.h"
#include "pptp/call.h"
#include "pptp/call_id_allocator.h"
#include "pptp/collision.h"
#include "pptp/config.h"
#include "pptp/events.h"
#include "pptp/keepalive.h"
#include "wire/pptp_messages.h"

namespace pptpkit::pptp {

// Which end opened the TCP connection: the originator sends
// Start-Control-Connection-Request (RFC 2637 section 3.1.1), the responder
// answers it (section 3.1.2). Either can be PAC or PNS.
enum class Origin : std::uint8_t { kOriginator, kResponder };

enum class ConnectionState : std::uint8_t {
  kIdle,              // originator before start()
  kWaitStartRequest,  // responder: TCP accepted, Start-Control-Connection-Request awaited
  kWaitStartReply,    // originator: Start-Control-Connection-Request sent
  kCollisionWait,     // responder that won a collision: waits for the loser to close TCP
  kEstablished,
  kWaitStopReply,  // Stop-Control-Connection-Request sent
  kClosed,         // finished: the owner closes TCP once the output is written
};

// Why a command was refused; nothing was sent.
enum class CommandError : std::uint8_t {
  kWrongState,        // the tunnel (or the call) is not in a state that allows it
  kWrongRole,         // the RFC gives this command to the other role
  kUnknownCall,       // no call with this Call ID on this connection
  kTunnelCallLimit,   // ConnectionConfig::max_calls calls are up
  kServerCallLimit,   // the shared allocator has no Call ID to give
  kPeerChannelLimit,  // the PAC's Maximum Channels calls are up
};

std::string_view to_string(CommandError e);
std::string_view to_string(ConnectionState s);

// place_call(): the PNS's Outgoing-Call-Request (RFC 2637 section 2.7) or the
// PAC's Incoming-Call-Request (section 2.9); fields of the other are ignored.
struct CallRequest {
  wire::BearerType bearer_type = wire::BearerType::kAny;
  wire::FramingType framing_type = wire::FramingType::kAny;  // outgoing
  std::uint32_t minimum_bps = 0;                             // outgoing
  std::uint32_t maximum_bps = 0;                             // outgoing
  std::uint32_t physical_channel_id = 0;                     // incoming
  std::string phone_number{};                                // Phone Number or Dialed Number
  std::string dialing_number{};                              // incoming
  std::string subaddress{};
};

// answer_call(): the PAC's Outgoing-Call-Reply or the PNS's
// Incoming-Call-Reply (RFC 2637 sections 2.8 and 2.10).
struct CallAnswer {
  bool accept = true;  // false: Do-Not-Accept
  std::uint32_t physical_channel_id = 0;
};

class ControlConnection {
 public:
  // `allocator` is shared by every connection of the server and must outlive
  // this one; so must `collision` (optional: without it no collision is
  // detected). A responder starts waiting for the peer's request at `now`.
  ControlConnection(ConnectionConfig config, Origin origin, CallIdAllocator& allocator,
                    const CollisionCheck* collision, Timestamp now);
  ~ControlConnection();
  ControlConnection(const ControlConnection&) = delete;
  ControlConnection& operator=(const ControlConnection&) = delete;

  // --- Inputs ---

  // Octets the TCP connection delivered, in any chunking. Buffers at most one
  // message (kPptpMaxMessageSize octets) and handles each whole one.
  void on_tcp_bytes(Timestamp now, Bytes data);
  // The peer closed TCP (or it failed). Handled as a stop: Android's client
  // and pptpd (on Call-Clear-Request) close without Stop-Control-Connection.
  void on_tcp_closed(Timestamp now);
  // Runs the timers that are due; call it when next_deadline() has passed.
  void on_timeout(Timestamp now);

  // --- Commands ---

  // Originator: sends Start-Control-Connection-Request (RFC 2637 section 3.1.1).
  Status<CommandError> start(Timestamp now);
  // Sends Outgoing-Call-Request (PNS) or Incoming-Call-Request (PAC) with a
  // fresh Call ID and Call Serial Number; returns our Call ID. CallConnected
  // or CallCleared follows (RFC 2637 sections 3.2.1 and 3.2.4).
  Result<std::uint16_t, CommandError> place_call(Timestamp now, const CallRequest& request);
  // Answers a CallRequested (RFC 2637 sections 3.2.2 and 3.2.3).
  Status<CommandError> answer_call(Timestamp now, std::uint16_t call_id, const CallAnswer& answer);
  // Clears a call: the PAC sends Call-Disconnect-Notify (Admin-Shutdown), the
  // PNS Call-Clear-Request and waits for the notify (RFC 2637 section 3.2).
  Status<CommandError> clear_call(Timestamp now, std::uint16_t call_id);
  // PNS: Set-Link-Info with the PPP ACCMs (RFC 2637 section 2.15).
  Status<CommandError> set_link_info(Timestamp now, std::uint16_t call_id, std::uint32_t send_accm,
                                     std::uint32_t receive_accm);
  // Orderly close (RFC 2637 section 3.1): clears every call, sends
  // Stop-Control-Connection-Request and waits stop_timeout for the reply.
  // Before the tunnel is up it just finishes.
  Status<CommandError> stop(Timestamp now, wire::StopReason reason);
  // Finishes at once without sending anything (the loser of a collision,
  // RFC 2637 section 3.1.3, or a runtime shutting down hard).
  void abort(Timestamp now);

  // --- Outputs ---

  // Everything to write to TCP, oldest first; the connection keeps no copy.
  std::vector<std::uint8_t> poll_tcp_out();
  std::optional<Event> poll_event();
  // The earliest time on_timeout() has work; nullopt when no timer runs.
  std::optional<Timestamp> next_deadline() const;

  ConnectionState state() const { return state_; }
  bool finished() const { return state_ == ConnectionState::kClosed; }
  // For CollisionCheck implementations.
  bool awaiting_start_reply() const { return state_ == ConnectionState::kWaitStartReply; }
  const ConnectionConfig& config() const { return config_; }
  std::size_t call_count() const { return calls_.size(); }
  const Call* find_call(std::uint16_t call_id) const;

  // Output the peer does not read is dropped with the connection beyond this.
  static constexpr std::size_t kMaxTcpOut = 64 * 1024;

 private:
  // control_connection.cpp: connection state machine (RFC 2637 section 3.1).
  void handle_message(Timestamp now, Bytes raw);
  void handle_undecodable(Timestamp now, Bytes raw, wire::PptpError error);
  void on_message(Timestamp now, const wire::StartControlConnectionRequest& m);
  void on_message(Timestamp now, const wire::StartControlConnectionReply& m);
  void on_message(Timestamp now, const wire::StopControlConnectionRequest& m);
  void on_message(Timestamp now, const wire::StopControlConnectionReply& m);
  void on_message(Timestamp now, const wire::EchoRequest& m);
  void on_message(Timestamp now, const wire::EchoReply& m);
  void establish(Timestamp now, const PeerInfo& peer);
  void send_start_reply(wire::StartResult result, wire::GeneralError error);
  // A message the state or the role forbids (RFC 2637 section 3.1).
  void unexpected(Timestamp now, std::string_view what);
  void send_stop_request(Timestamp now, wire::StopReason reason, TunnelDownReason down_reason);
  // Clears every call without messages, reports TunnelDown and finishes.
  void finish(Timestamp now, TunnelDownReason reason);
  void after_input(Timestamp now);

  // call_fsm.cpp: call state machines (RFC 2637 section 3.2).
  void on_message(Timestamp now, const wire::OutgoingCallRequest& m);
  void on_message(Timestamp now, const wire::OutgoingCallReply& m);
  void on_message(Timestamp now, const wire::IncomingCallRequest& m);
  void on_message(Timestamp now, const wire::IncomingCallReply& m);
  void on_message(Timestamp now, const wire::IncomingCallConnected& m);
  void on_message(Timestamp now, const wire::CallClearRequest& m);
  void on_message(Timestamp now, const wire::CallDisconnectNotify& m);
  void on_message(Timestamp now, const wire::WanErrorNotify& m);
  void on_message(Timestamp now, const wire::SetLinkInfo& m);
  // True when a call message may be handled now; otherwise deals with it.
  bool call_message_allowed(Timestamp now, std::string_view what, Role receiver);
  // A Call ID for a new call, or why there is none.
  Result<std::uint16_t, CommandError> admit_call(Timestamp now);
  Call& add_call(Timestamp now, std::uint16_t call_id, CallDirection direction, CallState state);
  Call* find_call_mut(std::uint16_t call_id);
  Call* find_peer_call(std::uint16_t peer_call_id);
  void connect_call(Call& call, std::uint32_t connect_speed);
  // Refuses a call still waiting for the owner's answer, with Do-Not-Accept
  // (declined) or the timeout result.
  void send_call_refusal(const Call& call, bool timed_out);
  // Sends this role's clearing message for `call`: Call-Disconnect-Notify
  // (PAC) or Call-Clear-Request (PNS).
  void send_call_clear(const Call& call, wire::DisconnectResult result);
  void end_call(Timestamp now, std::uint16_t call_id, CallCleared cleared);
  void end_all_calls(Timestamp now, CallClearCause cause);
  // Sends each call's clearing message, then ends them all (orderly stop).
  void clear_all_calls(Timestamp now);
  void run_call_timers(Timestamp now);

  // Shared plumbing.
  void send_message(const wire::PptpMessage& message);
  void emit(Event event) { events_.push_back(std::move(event)); }
  void log(LogLevel level, std::string_view text);
  void note_time(Timestamp now);

  ConnectionConfig config_;
  Origin origin_;
  CallIdAllocator& allocator_;
  const CollisionCheck* collision_;
  ConnectionState state_;
  // When the current connection state's wait ends (start, collision, stop).
  Timestamp state_deadline_{};
  // The TunnelDown reason once the awaited Stop-Control-Connection-Reply comes.
  TunnelDownReason stop_down_reason_ = TunnelDownReason::kLocalStop;
  Keepalive keepalive_;
  std::uint16_t peer_maximum_channels_ = 0;
  std::uint16_t next_serial_ = 1;
  // The latest time seen, to quarantine Call IDs in the destructor.
  Timestamp latest_now_{};
  std::string peer_name_{};  // for log lines: config_.peer_name or the dotted quad

  std::array<std::uint8_t, wire::kPptpMaxMessageSize> in_{};
  std::size_t in_size_ = 0;
  std::vector<std::uint8_t> out_;
  std::deque<Event> events_;
  std::vector<Call> calls_;
};

}  // namespace pptpkit::pptp
