#include "ppp/link.h"

#include <utility>

#include "ppp/deadline.h"
#include "ppp/packet_log.h"
#include "wire/ppp_control.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

using wire::kPppCcp;
using wire::kPppIpcp;
using wire::kPppIpv6cp;
using wire::kPppLcp;

Link::Link(LinkConfig config, RandomSource& random, std::optional<AuthenticatorServices> services)
    : config_(std::move(config)),
      random_(random),
      services_(services),
      lcp_(config_.lcp, config_.role, random, config_.keepalive, *this, *this, config_.limits),
      ipcp_(config_.ipcp, config_.role, *this, *this, config_.limits),
      ipv6cp_(random, *this, *this, config_.limits),
      ccp_(config_.ccp, *this, *this, *this, config_.limits),
      cbcp_(*this, config_.limits) {}

// --- owner commands ------------------------------------------------------------

void Link::start(Timestamp now) {
  if (phase_ != Phase::kDead || down_reported_) return;
  phase_ = Phase::kEstablish;
  lcp_.fsm().admin_open(now);
  lcp_.fsm().up(now);
}

void Link::terminate(Timestamp now, CloseReason reason) { lcp_.fsm().admin_close(now, reason); }

void Link::lower_down(Timestamp now) {
  if (phase_ == Phase::kDead) return;
  lcp_.fsm().down(now);
  layer_finished(now, kPppLcp, CloseReason::kLowerLayerDown);
}

// --- phases (RFC 1661 3.2) ---------------------------------------------------

void Link::layer_up(Timestamp now, std::uint16_t protocol) {
  switch (protocol) {
    case kPppLcp:
      begin_authentication(now);
      break;
    case kPppCcp:
      start_mppe(now);
      if (mppe_sender_) open_network_protocols(now);
      break;
    default:
      break;
  }
  announce_ready();
}

void Link::layer_down(Timestamp now, std::uint16_t protocol) {
  switch (protocol) {
    case kPppLcp:
      leave_network(now);
      break;
    case kPppIpcp:
      ipv4_announced_ = false;
      break;
    case kPppIpv6cp:
      ipv6_announced_ = false;
      break;
    case kPppCcp:
      mppe_sender_.reset();
      mppe_receiver_.reset();
      break;
    default:
      break;
  }
}

void Link::layer_finished(Timestamp now, std::uint16_t protocol, CloseReason reason) {
  switch (protocol) {
    case kPppLcp:
      leave_network(now);
      phase_ = Phase::kDead;
      if (!down_reported_) events_.push_back(DownEvent{reason});
      down_reported_ = true;
      break;
    case kPppIpcp:
    case kPppIpv6cp: {
      if (phase_ != Phase::kNetwork) break;  // LCP took them down
      // pppd's rule: when the last network protocol is gone, so is the link.
      const auto alive = [](const Fsm& f) {
        return f.state() != FsmState::kClosed && f.state() != FsmState::kStopped;
      };
      if (alive(ipcp_.fsm()) || (config_.ipv6 && alive(ipv6cp_.fsm()))) break;
      terminate(now, reason == CloseReason::kNoAddress ? reason : CloseReason::kNoNetworkProtocol);
      break;
    }
    case kPppCcp:
      if (phase_ != Phase::kNetwork) break;
      // RFC 3078 is silent on a failed CCP; policy decides: required closes
      // the link, optional carries on in plaintext.
      if (config_.ccp.policy == MppePolicy::kRequired) {
        terminate(now, reason == CloseReason::kMppeMismatch ? reason : CloseReason::kMppeRefused);
      }
      announce_ready();
      break;
    default:
      break;
  }
}

void Link::protocol_rejected(Timestamp now, std::uint16_t protocol) {
  switch (protocol) {
    case kPppIpcp:
    case kPppIpv6cp:
    case kPppCcp:
      if (Fsm* fsm = control_fsm(protocol)) fsm->protocol_rejected(now);
      break;
    case wire::kPppPap:
    case wire::kPppChap:
      if (protocol == spoken_.auth) terminate(now, CloseReason::kAuthenticationRefused);
      break;
    case wire::kPppCbcp:  // a client that asked for callback but does not speak CBCP: no callback it is
      if (cbcp_.state() == CbcpServer::State::kRequesting) begin_network(now);
      break;
    default:
      break;
  }
}

// RFC 1661 3.5: authentication, if LCP agreed on a method, before anything
// else; our role says whether we ask or answer.
void Link::begin_authentication(Timestamp now) {
  phase_ = Phase::kAuthenticate;
  authenticated_ = false;
  const std::optional<AuthMethod> method =
      config_.role == Role::kAuthenticator ? lcp_.ours().auth : lcp_.peer().auth;
  spoken_.auth = method ? auth_protocol(*method) : 0;
  spoken_.cbcp = config_.role == Role::kAuthenticator && lcp_.peer().callback;
  // The network protocols we will speak are known from the configuration
  // now: the authenticator enters the Network phase first, and its CCP or
  // IPV6CP request may overtake its Success. It must be discarded (RFC 1661
  // 3.5), not Protocol-Rejected, or a lost Success kills MPPE.
  spoken_.ccp = config_.ccp.policy != MppePolicy::kRefused;
  spoken_.ipv6 = config_.ipv6;
  if (!method) {
    after_authentication(now);
    return;
  }
  if (config_.role == Role::kAuthenticator) {
    AuthenticatorConfig c{*method, config_.name, config_.auth_timing, config_.max_auth_failures};
    auth_.emplace<Authenticator>(std::move(c), services_->secrets, random_).start(now);
  } else {
    auth_
        .emplace<AuthPeer>(AuthPeerConfig{*method, config_.user, config_.password, config_.auth_timing},
                           random_)
        .start(now);
  }
  pump_auth(now);
}

// Sends what the exchange queued and acts on its verdict, once.
void Link::pump_auth(Timestamp now) {
  AuthSession* session = std::visit(
      [](auto& a) -> AuthSession* {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::monostate>) {
          return nullptr;
        } else {
          return &a;
        }
      },
      auth_);
  if (!session) return;
  while (auto packet = session->poll_packet()) send_control(now, session->protocol(), *packet);
  if (authenticated_ || phase_ != Phase::kAuthenticate) return;
  const AuthOutcome& outcome = session->outcome();
  if (session->state() == AuthState::kSucceeded) {
    authenticated_ = true;
    user_ = outcome.user_name;
    key_material_ = outcome.key_material;
    allowed_addresses_ = outcome.addresses;
    events_.push_back(AuthSucceededEvent{outcome.user_name});
    after_authentication(now);
  } else if (session->state() == AuthState::kFailed) {
    events_.push_back(AuthFailedEvent{outcome.user_name, outcome.failure});
    terminate(now, CloseReason::kAuthenticationFailed);
  }
}

void Link::after_authentication(Timestamp now) {
  authenticated_ = true;
  if (spoken_.cbcp) {
    cbcp_.start(now);
  } else {
    begin_network(now);
  }
}

// RFC 1661 3.6: the network protocols (and CCP, which must protect them)
// start only now.
void Link::begin_network(Timestamp now) {
  phase_ = Phase::kNetwork;
  if (config_.role == Role::kAuthenticator) {
    auto assignment = services_->addresses.assign(user_, allowed_addresses_);
    if (!assignment) {
      terminate(now, assignment.error());
      return;
    }
    ipcp_.set_assignment(*assignment);
  }
  // MPPE keys come only from MS-CHAP (RFC 3079).
  spoken_.ccp = config_.ccp.policy != MppePolicy::kRefused && key_material_.has_value();
  if (!spoken_.ccp && config_.ccp.policy == MppePolicy::kRequired) {
    terminate(now, CloseReason::kMppeRefused);
    return;
  }
  spoken_.ipv6 = config_.ipv6;
  if (spoken_.ccp) {
    ccp_.fsm().admin_open(now);
    ccp_.fsm().up(now);
  }
  // Their lower layer is up (Closed state); with MPPE required they open
  // only once CCP is up, as pppd's do. pppd answers an IPCP request that
  // overtakes its CCP with a Terminate-Ack (RFC 1661 4.3, Closed state):
  // the request would wait a whole restart period to be sent again.
  ipcp_.fsm().up(now);
  if (spoken_.ipv6) ipv6cp_.fsm().up(now);
  if (config_.ccp.policy != MppePolicy::kRequired) open_network_protocols(now);
}

void Link::open_network_protocols(Timestamp now) {
  ipcp_.fsm().admin_open(now);
  if (spoken_.ipv6) ipv6cp_.fsm().admin_open(now);
}

// LCP left the Opened state: everything above it goes down with it (their
// lower layer), ready to start again if LCP renegotiates.
void Link::leave_network(Timestamp now) {
  const FsmState lcp = lcp_.fsm().state();
  phase_ = lcp == FsmState::kClosing || lcp == FsmState::kStopping ? Phase::kTerminate : Phase::kEstablish;
  for (Fsm* fsm : {&ccp_.fsm(), &ipcp_.fsm(), &ipv6cp_.fsm()}) fsm->down(now);
  auth_.emplace<std::monostate>();
  cbcp_.stop();
  spoken_ = {};
  authenticated_ = false;
  mppe_sender_.reset();
  mppe_receiver_.reset();
}

// RFC 3078 and RFC 3079: both directions use the agreed strength and mode,
// keyed from the MS-CHAP exchange.
void Link::start_mppe(Timestamp now) {
  const auto send = ccp_.send_parameters();
  const auto receive = ccp_.receive_parameters();
  if (!send || !receive) {
    if (config_.ccp.policy == MppePolicy::kRequired) terminate(now, CloseReason::kMppeRefused);
    return;
  }
  if (send->strength != receive->strength || send->mode != receive->mode) {
    terminate(now, CloseReason::kMppeMismatch);
    return;
  }
  const auto role =
      config_.role == Role::kAuthenticator ? crypto::MppeRole::kAuthenticator : crypto::MppeRole::kPeer;
  const auto keys = mppe_keys(*key_material_, role, send->strength);
  if (!keys) {
    terminate(now, CloseReason::kMppeRefused);
    return;
  }
  mppe_sender_.emplace(*send, keys->send);
  mppe_receiver_.emplace(*receive, keys->receive);
}

// Data may flow on a network protocol once it is open and, when MPPE is
// required, once MPPE runs.
bool Link::carries_data(std::uint16_t ncp) const {
  const Fsm& fsm = ncp == kPppIpcp ? ipcp_.fsm() : ipv6cp_.fsm();
  if (!fsm.opened()) return false;
  return mppe_sender_.has_value() || config_.ccp.policy != MppePolicy::kRequired;
}

void Link::announce_ready() {
  if (!ipv4_announced_ && carries_data(kPppIpcp)) {
    ipv4_announced_ = true;
    events_.push_back(UpEvent{kPppIpcp});
  }
  if (!ipv6_announced_ && carries_data(kPppIpv6cp)) {
    ipv6_announced_ = true;
    events_.push_back(UpEvent{kPppIpv6cp});
  }
}

void Link::reset_requested(Timestamp) {
  if (mppe_sender_) mppe_sender_->on_reset_request();
}

// --- control input and output --------------------------------------------------

Fsm* Link::control_fsm(std::uint16_t protocol) {
  switch (protocol) {
    case kPppLcp:
      return &lcp_.fsm();
    case kPppIpcp:
      return &ipcp_.fsm();
    case kPppIpv6cp:
      return &ipv6cp_.fsm();
    case kPppCcp:
      return &ccp_.fsm();
    default:
      return nullptr;
  }
}

void Link::on_frame(Timestamp now, Bytes frame) {
  auto decoded = wire::decode_ppp_frame(frame);
  if (!decoded) {
    drops_.count(LinkDrop::kMalformedFrame);
    return;
  }
  const std::uint16_t protocol = decoded->protocol;
  // RFC 1661 2: 0x8000-0xffff are control protocols, logged like pppd does.
  if (protocol >= 0x8000)
    events_.push_back(LogEvent{"rcvd " + format_packet(protocol, decoded->information)});
  switch (admit(phase_, protocol, spoken_)) {
    case Admission::kDiscard:
      drops_.count(LinkDrop::kNotInPhase);
      return;
    case Admission::kProtocolReject:
      drops_.count(LinkDrop::kUnknownProtocol);
      lcp_.reject_protocol(now, protocol, decoded->information);
      return;
    case Admission::kDeliver:
      break;
  }
  if (protocol >= 0x8000) {
    receive_control(now, protocol, decoded->information);
  } else {
    receive_data(now, protocol, decoded->information);
  }
  announce_ready();
}

void Link::receive_control(Timestamp now, std::uint16_t protocol, Bytes information) {
  if (protocol == wire::kPppPap || protocol == wire::kPppChap) {
    std::visit(
        [&](auto& a) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(a)>, std::monostate>)
            a.on_packet(now, information);
        },
        auth_);
    pump_auth(now);
    return;
  }
  auto packet = wire::decode_ppp_control_packet(information);
  if (!packet) {
    drops_.count(LinkDrop::kMalformedControl);
    return;
  }
  if (protocol == wire::kPppCbcp) {
    cbcp_.on_packet(now, *packet);
    if (cbcp_.state() == CbcpServer::State::kDone && phase_ == Phase::kAuthenticate) begin_network(now);
    return;
  }
  if (protocol == kPppLcp && packet->code == wire::kPppTerminateRequest) note_peer_termination(packet->data);
  if (Fsm* fsm = control_fsm(protocol)) fsm->on_packet(now, *packet);
}

// Only a Terminate-Request that ends the open link counts: not pppd's
// second one (LCP is Stopping by then), not one answering our own
// Terminate-Request (Closing: our reason is the one that matters), not one
// during negotiation (which only restarts it, RFC 1661 4.4).
void Link::note_peer_termination(Bytes text) {
  if (lcp_.fsm().opened()) peer_termination_ = printable_text(text, kPeerTerminationLimit);
}

void Link::send_control(Timestamp now, std::uint16_t protocol, Bytes packet) {
  (void)now;
  events_.push_back(LogEvent{"sent " + format_packet(protocol, packet)});
  const wire::PppFrameOptions options = send_options();
  std::vector<std::uint8_t> frame(wire::ppp_header_size(protocol, options) + packet.size());
  if (wire::encode_ppp_frame(protocol, packet, options, frame)) frames_.push_back(std::move(frame));
}

// RFC 1661 6.5, 6.6: compress only what the peer agreed to receive
// compressed, and only once LCP is open.
wire::PppFrameOptions Link::send_options() const {
  if (!lcp_.fsm().opened()) return {};
  return {lcp_.peer().acfc, lcp_.peer().pfc};
}

std::size_t Link::peer_mru() const { return lcp_.peer().mru.value_or(kDefaultMru); }

// --- timers and polling --------------------------------------------------------

void Link::on_timeout(Timestamp now) {
  lcp_.on_timeout(now);
  for (Fsm* fsm : {&ipcp_.fsm(), &ipv6cp_.fsm(), &ccp_.fsm()}) fsm->on_timeout(now);
  std::visit(
      [&](auto& a) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(a)>, std::monostate>) a.on_timeout(now);
      },
      auth_);
  pump_auth(now);
  cbcp_.on_timeout(now);
  if (cbcp_.state() == CbcpServer::State::kFailed && phase_ == Phase::kAuthenticate) {
    terminate(now, CloseReason::kCallbackFailed);
  }
  announce_ready();
}

std::optional<Timestamp> Link::next_deadline() const {
  std::optional<Timestamp> deadline = earliest(lcp_.next_deadline(), cbcp_.next_deadline());
  for (const Fsm* fsm : {&ipcp_.fsm(), &ipv6cp_.fsm(), &ccp_.fsm()}) {
    deadline = earliest(deadline, fsm->next_deadline());
  }
  std::visit(
      [&](const auto& a) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(a)>, std::monostate>) {
          deadline = earliest(deadline, a.next_deadline());
        }
      },
      auth_);
  return deadline;
}

std::optional<std::vector<std::uint8_t>> Link::poll_frame() {
  if (frames_.empty()) return std::nullopt;
  auto frame = std::move(frames_.front());
  frames_.pop_front();
  return frame;
}

std::optional<LinkEvent> Link::poll_event() {
  if (events_.empty()) return std::nullopt;
  auto event = std::move(events_.front());
  events_.pop_front();
  return event;
}

std::optional<CloseReason> Link::closing_reason() const {
  if (phase_ != Phase::kTerminate) return std::nullopt;
  return lcp_.fsm().close_reason();
}

LinkParameters Link::parameters() const {
  LinkParameters p;
  p.mru = lcp_.ours().mru.value_or(kDefaultMru);
  p.peer_mru = static_cast<std::uint16_t>(peer_mru());
  p.receive_accm = lcp_.ours().accm.value_or(0xFFFFFFFF);
  p.send_accm = lcp_.peer().accm.value_or(0xFFFFFFFF);
  p.auth = config_.role == Role::kAuthenticator ? lcp_.ours().auth : lcp_.peer().auth;
  p.user = config_.role == Role::kAuthenticator ? user_ : config_.user;
  if (mppe_sender_) p.mppe = ccp_.send_parameters();
  // RFC 3078 3: the MPPE header and the now encrypted Protocol field.
  const std::size_t overhead = mppe_sender_ ? kMppeHeaderSize + 2 : 0;
  p.mtu = static_cast<std::uint16_t>(p.peer_mru - overhead);
  if (ipcp_.fsm().opened()) p.ipv4 = ipcp_.agreed();
  if (ipv6cp_.fsm().opened()) {
    p.local_interface_identifier = ipv6cp_.local_identifier();
    p.peer_interface_identifier = ipv6cp_.peer_identifier();
  }
  return p;
}

}  // namespace pptpkit::ppp
