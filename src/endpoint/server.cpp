#include "endpoint/server.h"

#include <fmt/format.h>

#include <utility>
#include <variant>

#include "endpoint/control_events.h"
#include "endpoint/session.h"
#include "endpoint/session_addresses.h"
#include "endpoint/session_log.h"
#include "ppp/deadline.h"
#include "pptp/control_connection.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::endpoint {

struct Server::Tunnel {
  Tunnel(const pptp::ConnectionConfig& config, pptp::CallIdAllocator& call_ids, ConnectionId id,
         std::uint32_t peer_address, std::uint32_t local_address, Timestamp now)
      : connection(id),
        peer(peer_address),
        local(local_address),
        control(config, pptp::Origin::kResponder, call_ids, nullptr, now) {}

  ConnectionId connection;
  std::uint32_t peer;
  std::uint32_t local;  // the address the peer reached: its calls' GRE source
  pptp::ControlConnection control;
  bool tcp_closed = false;  // the runtime reported it; no close request then
};

// A session keeps the secrets and the link settings it started with, so a
// reconfigure() never changes a running session.
struct Server::ServerSession {
  ServerSession(Server& server, const Tunnel& tunnel, std::uint16_t call_id,
                const gre::ChannelConfig& channel, Timestamp now)
      : connection(tunnel.connection),
        id(session_id(server.run_, ++server.sessions_started_)),
        started(now),
        secrets(server.secrets_),
        addresses(server.pool_, server.counter_),
        session(call_id, tunnel.peer, tunnel.local, channel, server.config_.link, server.random_,
                ppp::AuthenticatorServices{*secrets, addresses}) {}

  // Why the link closes: an address refusal names the real reason
  // ("address pool exhausted") where the wire only says "no address".
  std::string link_reason(ppp::CloseReason reason) const {
    return addresses.refusal().empty() ? std::string(ppp::to_string(reason)) : addresses.refusal();
  }

  ConnectionId connection;
  std::string id;
  Timestamp started;                            // the call connected
  std::optional<Timestamp> up_at;               // SessionUp was reported
  std::optional<ppp::Ipv4Assignment> assigned;  // when it came up (the link forgets at its end)
  std::uint16_t peer_call_id = 0;
  std::shared_ptr<const ppp::SecretsSource> secrets;
  SessionAddresses addresses;
  Session session;
  std::optional<std::uint32_t> routed;  // the address AddRoute was requested for
  std::optional<std::string> down;      // why the link went down
  bool refused = false;                 // by our policy: credentials, MPPE, addresses, limits
  std::string failed_user;              // the name a failed authentication gave
};

Server::Server(ServerConfig config, RandomSource& random, const ppp::SecretsSource& secrets)
    // Not owned: the aliasing constructor with an empty owner.
    : Server(std::move(config), random,
             std::shared_ptr<const ppp::SecretsSource>(std::shared_ptr<void>(), &secrets)) {}

Server::Server(ServerConfig config, RandomSource& random, std::shared_ptr<const ppp::SecretsSource> secrets)
    : config_(std::move(config)),
      random_(random),
      secrets_(std::move(secrets)),
      call_ids_(random, config_.call_ids),
      pool_(config_.pool),
      counter_(config_.limits),
      run_(random.next_u32()) {
  force_roles();
}

void Server::force_roles() {
  config_.control.role = pptp::Role::kPac;
  config_.control.local_address = config_.local_address;
  config_.link.role = ppp::Role::kAuthenticator;
}

void Server::reconfigure(ServerConfig config, std::shared_ptr<const ppp::SecretsSource> secrets) {
  config.local_address = config_.local_address;
  pool_.set_name_servers(config.pool);
  config.pool = pool_.config();
  config_ = std::move(config);
  force_roles();
  call_ids_.set_max_calls(config_.call_ids.max_calls);
  counter_.set_limits(config_.limits);
  secrets_ = std::move(secrets);
}

// Sessions first: they give their addresses back to the pool.
Server::~Server() { sessions_.clear(); }

void Server::on_tcp_accepted(Timestamp now, ConnectionId connection, std::uint32_t peer_address,
                             std::uint32_t local_address) {
  if (shutting_down_ || tunnels_.contains(connection)) {
    tcp_out_.push_back(TcpOut{connection, {}, true});
    return;
  }
  pptp::ConnectionConfig config = config_.control;
  config.peer_address = peer_address;
  tunnels_.emplace(connection,
                   std::make_unique<Tunnel>(config, call_ids_, connection, peer_address, local_address, now));
  service_tunnel(now, connection);
}

void Server::on_tcp_bytes(Timestamp now, ConnectionId connection, Bytes bytes) {
  const auto it = tunnels_.find(connection);
  if (it == tunnels_.end()) return;
  it->second->control.on_tcp_bytes(now, bytes);
  service_tunnel(now, connection);
}

void Server::on_tcp_closed(Timestamp now, ConnectionId connection) {
  const auto it = tunnels_.find(connection);
  if (it == tunnels_.end()) return;
  it->second->tcp_closed = true;
  it->second->control.on_tcp_closed(now);
  service_tunnel(now, connection);
}

void Server::on_gre_datagram(Timestamp now, Bytes datagram) {
  now_ = now;
  if (gre::Channel* channel = demux_.on_datagram(now, datagram, *this)) {
    service_session(now, static_cast<SessionChannel*>(channel)->session().call_id());
  }
}

void Server::on_payload(gre::Channel& channel, Bytes payload) {
  static_cast<SessionChannel&>(channel).session().on_frame(now_, payload);
}

void Server::on_tun_packet(Timestamp now, Bytes packet) {
  const auto addresses = ipv4_addresses(packet);
  if (!addresses) {
    ++stats_.tun_not_ipv4;
    return;
  }
  const auto call_id = routes_.find(addresses->destination);
  if (!call_id) {
    ++stats_.tun_no_route;
    return;
  }
  sessions_.at(*call_id)->session.send_ip(now, packet, gre_out_, stats_);
  service_session(now, *call_id);
}

void Server::on_timeout(Timestamp now) {
  due_.clear();
  while (const auto key = tunnel_deadlines_.pop_due(now)) due_.push_back(*key);
  for (const auto connection : due_) {
    const auto it = tunnels_.find(connection);
    if (it == tunnels_.end()) continue;
    it->second->control.on_timeout(now);
    service_tunnel(now, connection);
  }
  due_.clear();
  while (const auto key = session_deadlines_.pop_due(now)) due_.push_back(*key);
  for (const auto key : due_) {
    const auto call_id = static_cast<std::uint16_t>(key);
    const auto it = sessions_.find(call_id);
    if (it == sessions_.end()) continue;
    it->second->session.on_timeout(now);
    service_session(now, call_id);
  }
  if (shutting_down_ && !finished() && now >= shutdown_deadline_) abort_all(now);
}

void Server::shutdown(Timestamp now) {
  if (shutting_down_) return;
  shutting_down_ = true;
  shutdown_deadline_ = now + config_.shutdown_timeout;
  log(LogLevel::kInfo,
      fmt::format("shutting down {} sessions on {} control connections", sessions_.size(), tunnels_.size()));
  std::vector<std::uint16_t> calls;
  for (const auto& [call_id, s] : sessions_) calls.push_back(call_id);
  for (const auto call_id : calls) {
    const auto it = sessions_.find(call_id);
    if (it == sessions_.end()) continue;
    it->second->session.link().terminate(now);
    service_session(now, call_id);
  }
  std::vector<ConnectionId> connections;
  for (const auto& [connection, t] : tunnels_) connections.push_back(connection);
  for (const auto connection : connections) {
    const auto it = tunnels_.find(connection);
    if (it == tunnels_.end()) continue;
    stop_if_idle(now, *it->second);
    service_tunnel(now, connection);
  }
}

std::optional<TcpOut> Server::poll_tcp_out() {
  if (tcp_out_.empty()) return std::nullopt;
  TcpOut out = std::move(tcp_out_.front());
  tcp_out_.pop_front();
  return out;
}

std::optional<QueuedPacket> Server::poll_gre_out() { return gre_out_.pop(); }

std::optional<Bytes> Server::poll_tun_out() {
  auto packet = tun_out_.pop();
  if (!packet) return std::nullopt;
  return packet->bytes;
}

std::optional<Event> Server::poll_event() {
  if (events_.empty()) return std::nullopt;
  Event e = std::move(events_.front());
  events_.pop_front();
  return e;
}

std::optional<Timestamp> Server::next_deadline() const {
  auto deadline = ppp::earliest(tunnel_deadlines_.next(), session_deadlines_.next());
  if (shutting_down_ && !finished()) deadline = ppp::earliest(deadline, shutdown_deadline_);
  return deadline;
}

void Server::service_tunnel(Timestamp now, ConnectionId connection) {
  const auto it = tunnels_.find(connection);
  if (it == tunnels_.end()) return;
  Tunnel& tunnel = *it->second;
  // Events come in batches: CallCleared precedes the TunnelDown that caused
  // it, and a session's end should name that cause. Answering a call makes
  // the next batch.
  for (auto batch = drain_events(tunnel.control); !batch.empty(); batch = drain_events(tunnel.control)) {
    const std::string cleared_reason = call_cleared_reason(batch);
    for (auto& event : batch) {
      if (auto* request = std::get_if<pptp::CallRequested>(&event)) {
        on_call_requested(now, tunnel, *request);
      } else if (auto* connected = std::get_if<pptp::CallConnected>(&event)) {
        on_call_connected(now, tunnel, *connected);
      } else if (auto* cleared = std::get_if<pptp::CallCleared>(&event)) {
        end_session(now, cleared->call_id,
                    cleared->cause == pptp::CallClearCause::kTunnelDown
                        ? cleared_reason
                        : fmt::format("call cleared: {}", pptp::to_string(cleared->cause)));
        stop_if_idle(now, tunnel);
      } else if (auto* line = std::get_if<pptp::LogLine>(&event)) {
        events_.push_back(LogLine{line->level, std::move(line->message)});
      }
    }
  }
  if (auto bytes = tunnel.control.poll_tcp_out(); !bytes.empty()) {
    tcp_out_.push_back(TcpOut{connection, std::move(bytes), false});
  }
  if (!tunnel.control.finished()) {
    tunnel_deadlines_.arm(connection, tunnel.control.next_deadline());
    return;
  }
  if (!tunnel.tcp_closed) tcp_out_.push_back(TcpOut{connection, {}, true});
  tunnel_deadlines_.disarm(connection);
  tunnels_.erase(it);
}

void Server::on_call_requested(Timestamp now, Tunnel& tunnel, const pptp::CallRequested& request) {
  events_.push_back(call_requested_line(tunnel.peer, request.call_id, request.peer_call_id));
  pptp::CallAnswer answer;
  if (shutting_down_ || !counter_.admits_session(sessions_.size())) {
    answer.accept = false;
    events_.push_back(call_refused_line(tunnel.peer, request.call_id, request.peer_call_id,
                                        shutting_down_ ? "shutting down" : "session limit reached"));
  }
  (void)tunnel.control.answer_call(now, request.call_id, answer);
}

void Server::on_call_connected(Timestamp now, Tunnel& tunnel, const pptp::CallConnected& connected) {
  gre::ChannelConfig channel = config_.channel;
  channel.peer_call_id = connected.peer_call_id;
  channel.peer_window = connected.peer_receive_window;
  channel.receive_window = config_.control.receive_window;
  // Packet Processing Delay is in tenths of a second (RFC 2637 2.7).
  channel.rtt.packet_processing_delay = std::chrono::milliseconds(100) * connected.peer_processing_delay;
  auto s = std::make_unique<ServerSession>(*this, tunnel, connected.call_id, channel, now);
  s->peer_call_id = connected.peer_call_id;
  if (!demux_.add(connected.call_id, gre::IpAddress::v4(tunnel.peer), s->session.channel())) {
    log(LogLevel::kError, fmt::format("call {}: Call ID already routed", connected.call_id));
    (void)tunnel.control.clear_call(now, connected.call_id);
    return;
  }
  s->session.start(now);
  sessions_.emplace(connected.call_id, std::move(s));
  service_session(now, connected.call_id);
}

void Server::service_session(Timestamp now, std::uint16_t call_id) {
  const auto it = sessions_.find(call_id);
  if (it == sessions_.end()) return;
  ServerSession& s = *it->second;
  s.session.flush(now, gre_out_);
  while (auto ip = s.session.poll_ip()) {
    if (ip->protocol != wire::kPppIpv4) {
      ++stats_.unroutable_from_peer;
    } else if (!s.routed || !source_allowed(ip->packet, *s.routed)) {
      ++stats_.spoofed_source;
    } else {
      MutableBytes out = tun_out_.prepare(ip->packet.size()).first(ip->packet.size());
      std::copy(ip->packet.begin(), ip->packet.end(), out.begin());
      s.session.clamp_mss(out, stats_);
      tun_out_.commit(*s.routed, 0, out.size());
    }
  }
  while (auto event = s.session.link().poll_event()) {
    if (auto* line = std::get_if<ppp::LogEvent>(&*event)) {
      events_.push_back(LogLine{LogLevel::kDebug, fmt::format("call {}: {}", call_id, line->line)});
    } else if (auto* up = std::get_if<ppp::UpEvent>(&*event)) {
      if (up->protocol == wire::kPppIpcp) on_link_up(now, s);
    } else if (auto* ok = std::get_if<ppp::AuthSucceededEvent>(&*event)) {
      events_.push_back(auth_succeeded_line(s.id, s.session.destination(), call_id, ok->user,
                                            s.session.link().parameters().auth));
    } else if (auto* failed = std::get_if<ppp::AuthFailedEvent>(&*event)) {
      AuthFailed e{s.connection,   s.id,         s.session.destination(),
                   call_id,        failed->user, s.session.link().parameters().auth,
                   failed->failure};
      s.failed_user = failed->user;
      events_.push_back(auth_failed_line(e));
      events_.push_back(std::move(e));
    } else if (auto* down = std::get_if<ppp::DownEvent>(&*event)) {
      s.refused = is_refusal(down->reason);
      s.down = s.link_reason(down->reason);
    }
  }
  if (!s.down) {
    session_deadlines_.arm(call_id, s.session.next_deadline());
    return;
  }
  // The link is dead: the session ends with the link's reason, and its
  // call goes (Call-Disconnect-Notify); the control connection's CallCleared
  // then finds no session.
  const std::string reason = *s.down;
  const ConnectionId connection = s.connection;
  end_session(now, call_id, reason);
  const auto tunnel = tunnels_.find(connection);
  if (tunnel == tunnels_.end()) return;
  (void)tunnel->second->control.clear_call(now, call_id);
  service_tunnel(now, connection);
}

void Server::on_link_up(Timestamp now, ServerSession& s) {
  if (s.routed) return;  // IPCP renegotiated: the route stands
  const ppp::LinkParameters p = s.session.link().parameters();
  const std::uint16_t call_id = s.session.call_id();
  if (!p.ipv4 || !routes_.add(p.ipv4->peer, call_id)) {
    log(LogLevel::kError, fmt::format("call {}: address already routed to another session", call_id));
    s.session.link().terminate(now, ppp::CloseReason::kNoAddress);
    return;
  }
  s.routed = p.ipv4->peer;
  s.up_at = now;
  s.assigned = p.ipv4;
  const std::uint16_t mtu = two_way_mtu(p, config_.link.lcp.mru);
  if (config_.mss_clamp) s.session.clamp_mss_for(mtu);
  events_.push_back(AddRoute{p.ipv4->peer, call_id, mtu});
  SessionUp up{s.connection, s.id, s.session.destination(), call_id, s.peer_call_id, p.user, p.auth, p.mppe,
               *p.ipv4,      p.mtu};
  events_.push_back(session_up_line(up, true));
  events_.push_back(std::move(up));
}

void Server::end_session(Timestamp now, std::uint16_t call_id, std::string_view reason) {
  const auto it = sessions_.find(call_id);
  if (it == sessions_.end()) return;
  ServerSession& s = *it->second;
  if (s.routed) {
    routes_.remove(*s.routed, call_id);
    events_.push_back(RemoveRoute{*s.routed, call_id});
  }
  // The peer's Terminate-Request text, else a link already closing (its
  // Terminate-Request sent, or the peer's answered) went first: that is the
  // cause, not the call cleared after it.
  const auto closing = s.session.link().closing_reason();
  const ppp::LinkParameters p = s.session.link().parameters();
  SessionDown down{s.connection,
                   s.id,
                   s.session.destination(),
                   call_id,
                   s.peer_call_id,
                   p.user.empty() ? s.failed_user : p.user,
                   s.session.end_reason(closing ? s.link_reason(*closing) : std::string(reason)),
                   s.up_at.has_value(),
                   s.assigned ? s.assigned : p.ipv4,
                   now - s.up_at.value_or(s.started),
                   s.session.traffic()};
  events_.push_back(session_down_line(down, true, closing ? is_refusal(*closing) : s.refused));
  events_.push_back(std::move(down));
  demux_.remove(call_id);
  session_deadlines_.disarm(call_id);
  // Leftover control frames (a Terminate-Ack) still go out.
  s.session.flush(now, gre_out_);
  sessions_.erase(it);  // gives the address and the user's slot back
}

void Server::stop_if_idle(Timestamp now, Tunnel& tunnel) {
  if (shutting_down_ && tunnel.control.call_count() == 0) {
    (void)tunnel.control.stop(now, wire::StopReason::kStopLocalShutdown);
  }
}

void Server::abort_all(Timestamp now) {
  log(LogLevel::kWarning,
      fmt::format("shutdown timed out: aborting {} control connections", tunnels_.size()));
  std::vector<ConnectionId> connections;
  for (const auto& [connection, t] : tunnels_) connections.push_back(connection);
  for (const auto connection : connections) {
    tunnels_.at(connection)->control.abort(now);
    service_tunnel(now, connection);
  }
}

void Server::log(LogLevel level, std::string message) {
  events_.push_back(LogLine{level, std::move(message)});
}

}  // namespace pptpkit::endpoint
