// One PPP link per PPTP call (RFC 1661 section 3), sans-I/O. The runtime
//   - calls start(now) once the call is up (the link opens LCP),
//   - feeds every GRE payload to on_frame(now, frame),
//   - calls on_timeout(now) when now >= next_deadline(),
//   - after each call sends every poll_frame() (control frames) over GRE,
//     writes every poll_ip() packet to the TUN device and handles every
//     poll_event() (logs, up, down, authentication success or failure),
//   - sends IP packets with send_ip(), which frames (and encrypts) them in
//     place in the caller's buffer and returns the GRE payload,
//   - calls lower_down(now) when the call goes away, terminate(now) to hang up.
//
// The link sequences the phases (Establish, Authenticate, Network,
// Terminate, Dead), gates input by phase (phases.h), answers protocols it
// does not speak with Protocol-Rejects, and runs LCP, the authentication
// exchange, CBCP, IPCP, IPV6CP and CCP with the MPPE engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/random.h"
#include "base/result.h"
#include "base/time.h"
#include "ppp/auth_authenticator.h"
#include "ppp/auth_peer.h"
#include "ppp/cbcp.h"
#include "ppp/ccp.h"
#include "ppp/ipcp.h"
#include "ppp/ipv6cp.h"
#include "ppp/lcp.h"
#include "ppp/link_config.h"
#include "ppp/link_drops.h"
#include "ppp/mppe.h"
#include "ppp/phases.h"
#include "wire/ppp_frame.h"

namespace pptpkit::ppp {

// A pppd-style line for every control packet: "sent [LCP ConfReq id=0x1 ...]"
// or "rcvd [...]".
struct LogEvent {
  std::string line;
};
// The network protocol (kPppIpcp or kPppIpv6cp) carries data from now on.
struct UpEvent {
  std::uint16_t protocol = 0;
};
// The link is down for good (Dead phase); the owner may destroy it.
struct DownEvent {
  CloseReason reason = CloseReason::kAdministrative;
};
struct AuthFailedEvent {
  std::string user;
  AuthFailure failure = AuthFailure::kNone;
};
// The authentication exchange succeeded (not reported when LCP agreed on
// none); parameters() names the method.
struct AuthSucceededEvent {
  std::string user;
};
using LinkEvent = std::variant<LogEvent, UpEvent, DownEvent, AuthFailedEvent, AuthSucceededEvent>;

// What was negotiated (meaningful once the corresponding layer is up).
struct LinkParameters {
  std::uint16_t mru = kDefaultMru;       // largest frame the peer may send us
  std::uint16_t peer_mru = kDefaultMru;  // largest frame we may send
  std::uint16_t mtu = kDefaultMru;       // IP MTU of the tunnel: peer_mru less MPPE's overhead
  std::uint32_t send_accm = 0xFFFFFFFF;  // for PPTP Set-Link-Info (RFC 2637 2.15)
  std::uint32_t receive_accm = 0xFFFFFFFF;
  std::optional<AuthMethod> auth;
  std::string user;
  std::optional<MppeConfig> mppe;  // both directions agree
  std::optional<Ipv4Assignment> ipv4;
  std::optional<wire::InterfaceIdentifier> local_interface_identifier;
  std::optional<wire::InterfaceIdentifier> peer_interface_identifier;
};

// A received IP packet (protocol kPppIpv4 or kPppIpv6); valid until the next
// poll_ip() or on_frame().
struct ReceivedIp {
  std::uint16_t protocol = 0;
  Bytes packet;
};

enum class SendError : std::uint8_t {
  kNotReady,    // no network protocol for this IP version is up (or MPPE is required and not running)
  kNotIp,       // the packet is neither IPv4 nor IPv6
  kNoHeadroom,  // fewer than kLinkHeadroom octets in front of the packet
  kTooBig,      // the frame would exceed the peer's MRU
};

std::string_view to_string(SendError e);

// Room send_ip() needs in front of a packet: the PPP header of the
// compressed datagram, the MPPE header and the encrypted Protocol field.
inline constexpr std::size_t kLinkHeadroom = wire::kPppMaxHeaderSize + kMppeHeaderSize + 2;

inline constexpr std::size_t kPeerTerminationLimit = 64;

class Link final : LayerEvents, ControlOutput, ResetListener {
 public:
  // `random` (and `services`, needed by the authenticator role) must outlive
  // the link.
  Link(LinkConfig config, RandomSource& random, std::optional<AuthenticatorServices> services);
  Link(const Link&) = delete;
  Link& operator=(const Link&) = delete;

  void start(Timestamp now);
  void terminate(Timestamp now, CloseReason reason = CloseReason::kAdministrative);
  void lower_down(Timestamp now);

  void on_frame(Timestamp now, Bytes frame);
  void on_timeout(Timestamp now);
  std::optional<Timestamp> next_deadline() const;

  // `buffer[headroom, headroom + size)` holds an IPv4 or IPv6 packet; the
  // returned frame is a view into `buffer`, ready for GRE.
  Result<Bytes, SendError> send_ip(Timestamp now, MutableBytes buffer, std::size_t headroom,
                                   std::size_t size);

  std::optional<std::vector<std::uint8_t>> poll_frame();
  std::optional<ReceivedIp> poll_ip();
  std::optional<LinkEvent> poll_event();

  Phase phase() const { return phase_; }
  // Why the link is closing while LCP completes its Terminate exchange (we
  // sent a Terminate-Request, or answered the peer's: RFC 1661 3.7), before
  // the DownEvent that will carry the same reason; nullopt in other phases.
  // The owner uses it when the call goes first.
  std::optional<CloseReason> closing_reason() const;
  LinkParameters parameters() const;
  // The text of the peer's LCP Terminate-Request (printable, at most
  // kPeerTerminationLimit octets) when the peer, not we, ended the open
  // link: pppd says there why it hangs up ("MPPE required but peer
  // negotiation failed"), which the call clear and TCP close that follow
  // no longer tell.
  const std::optional<std::string>& peer_termination() const { return peer_termination_; }
  // Received frames not delivered, in total and by reason (link_drops.h);
  // an MPPE drop counts under LinkDrop::kMppe and under its MppeDrop.
  std::uint64_t dropped() const { return drops_.total(); }
  std::uint64_t dropped(LinkDrop reason) const { return drops_[reason]; }
  std::uint64_t dropped(MppeDrop reason) const { return drops_[reason]; }

 private:
  using AuthExchange = std::variant<std::monostate, Authenticator, AuthPeer>;

  // LayerEvents
  void layer_up(Timestamp now, std::uint16_t protocol) override;
  void layer_down(Timestamp now, std::uint16_t protocol) override;
  void layer_finished(Timestamp now, std::uint16_t protocol, CloseReason reason) override;
  void protocol_rejected(Timestamp now, std::uint16_t protocol) override;
  // ControlOutput
  void send_control(Timestamp now, std::uint16_t protocol, Bytes packet) override;
  std::size_t peer_mru() const override;
  // ResetListener
  void reset_requested(Timestamp now) override;

  void begin_authentication(Timestamp now);
  void pump_auth(Timestamp now);
  void after_authentication(Timestamp now);
  void begin_network(Timestamp now);
  void open_network_protocols(Timestamp now);
  void leave_network(Timestamp now);
  void start_mppe(Timestamp now);
  void announce_ready();
  bool carries_data(std::uint16_t ncp) const;

  Fsm* control_fsm(std::uint16_t protocol);
  void receive_control(Timestamp now, std::uint16_t protocol, Bytes information);
  void note_peer_termination(Bytes text);
  void receive_data(Timestamp now, std::uint16_t protocol, Bytes information);
  void deliver(std::uint16_t protocol, std::vector<std::uint8_t> buffer, std::size_t offset,
               std::size_t size);
  std::vector<std::uint8_t> take_buffer(Bytes contents);
  wire::PppFrameOptions send_options() const;

  LinkConfig config_;
  RandomSource& random_;
  std::optional<AuthenticatorServices> services_;

  Lcp lcp_;
  Ipcp ipcp_;
  Ipv6cp ipv6cp_;
  Ccp ccp_;
  CbcpServer cbcp_;
  AuthExchange auth_;

  Phase phase_ = Phase::kDead;
  SpokenProtocols spoken_;
  bool authenticated_ = false;
  bool down_reported_ = false;
  bool ipv4_announced_ = false;
  bool ipv6_announced_ = false;
  std::string user_;
  std::optional<std::string> peer_termination_;
  std::optional<MppeKeyMaterial> key_material_;
  AllowedAddresses allowed_addresses_;
  std::optional<MppeSender> mppe_sender_;
  std::optional<MppeReceiver> mppe_receiver_;

  std::deque<std::vector<std::uint8_t>> frames_;
  std::deque<LinkEvent> events_;
  struct Received {
    std::uint16_t protocol;
    std::vector<std::uint8_t> buffer;
    std::size_t offset;
    std::size_t size;
  };
  std::deque<Received> received_;
  std::vector<std::uint8_t> polled_;                     // buffer of the packet poll_ip() returned last
  std::vector<std::vector<std::uint8_t>> free_buffers_;  // reused so steady state does not allocate
  LinkDropCounters drops_;
};

}  // namespace pptpkit::ppp
