#include "endpoint/client.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <variant>

#include "endpoint/control_events.h"
#include "endpoint/session_log.h"
#include "gre/demux.h"
#include "ppp/deadline.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::endpoint {

Client::Client(ClientConfig config, RandomSource& random, pptp::CallIdAllocator& call_ids)
    : config_(std::move(config)), random_(random), call_ids_(call_ids), run_(random.next_u32()) {
  config_.control.role = pptp::Role::kPns;
  config_.control.local_address = config_.local_address;
  config_.control.peer_address = config_.server_address;
  config_.link.role = ppp::Role::kPeer;
}

void Client::start(Timestamp now, ConnectionId connection) {
  if (control_ || finished_) return;
  connection_ = connection;
  control_ = std::make_unique<pptp::ControlConnection>(config_.control, pptp::Origin::kOriginator, call_ids_,
                                                       nullptr, now);
  (void)control_->start(now);
  service_control(now);
}

void Client::on_tcp_bytes(Timestamp now, ConnectionId connection, Bytes bytes) {
  if (!control_ || connection != connection_) return;
  control_->on_tcp_bytes(now, bytes);
  service_control(now);
}

void Client::on_tcp_closed(Timestamp now, ConnectionId connection) {
  if (!control_ || connection != connection_) return;
  tcp_closed_ = true;
  control_->on_tcp_closed(now);
  service_control(now);
}

void Client::on_gre_datagram(Timestamp now, Bytes datagram) {
  const auto in = gre::classify_datagram(now, datagram, nullptr, drops_);
  if (!in) return;
  // The demux's checks for the one call: our Call ID, from the server.
  if (!session_ || in->packet.header.call_id != session_->call_id()) {
    drops_.add(gre::DropReason::kUnknownCall);
    return;
  }
  if (in->source != gre::IpAddress::v4(config_.server_address)) {
    drops_.add(gre::DropReason::kWrongPeer);
    return;
  }
  if (const auto drop = session_->on_packet(now, in->packet)) drops_.add(*drop);
  service_session(now);
}

void Client::on_tun_packet(Timestamp now, Bytes packet) {
  if (!session_) {
    ++stats_.send_refused;
    return;
  }
  session_->send_ip(now, packet, gre_out_, stats_);
  service_session(now);
}

void Client::on_timeout(Timestamp now) {
  if (control_) {
    if (const auto due = control_->next_deadline(); due && *due <= now) {
      control_->on_timeout(now);
      service_control(now);
    }
  }
  if (session_) {
    if (const auto due = session_->next_deadline(); due && *due <= now) {
      session_->on_timeout(now);
      service_session(now);
    }
  }
  if (shutting_down_ && !finished_ && now >= shutdown_deadline_) {
    log(LogLevel::kWarning, "shutdown timed out: aborting the control connection");
    if (control_) {
      control_->abort(now);
      service_control(now);
    } else {
      finished_ = true;
    }
  }
}

void Client::shutdown(Timestamp now) {
  if (shutting_down_ || finished_) return;
  shutting_down_ = true;
  shutdown_deadline_ = now + config_.shutdown_timeout;
  if (!control_) {
    finished_ = true;
    return;
  }
  if (session_) {
    session_->link().terminate(now);
    service_session(now);
  } else {
    (void)control_->stop(now, wire::StopReason::kNone);
    service_control(now);
  }
}

std::optional<TcpOut> Client::poll_tcp_out() {
  if (tcp_out_.empty()) return std::nullopt;
  TcpOut out = std::move(tcp_out_.front());
  tcp_out_.pop_front();
  return out;
}

std::optional<Bytes> Client::poll_tun_out() {
  auto packet = tun_out_.pop();
  if (!packet) return std::nullopt;
  return packet->bytes;
}

std::optional<Event> Client::poll_event() {
  if (events_.empty()) return std::nullopt;
  Event e = std::move(events_.front());
  events_.pop_front();
  return e;
}

std::optional<Timestamp> Client::next_deadline() const {
  if (finished_) return std::nullopt;
  std::optional<Timestamp> deadline;
  if (control_) deadline = control_->next_deadline();
  if (session_) deadline = ppp::earliest(deadline, session_->next_deadline());
  if (shutting_down_) deadline = ppp::earliest(deadline, shutdown_deadline_);
  return deadline;
}

void Client::service_control(Timestamp now) {
  for (auto batch = drain_events(*control_); !batch.empty(); batch = drain_events(*control_)) {
    const std::string cleared_reason = call_cleared_reason(batch);
    for (auto& event : batch) {
      if (std::holds_alternative<pptp::TunnelUp>(event)) {
        const auto call = control_->place_call(now, config_.call);
        if (!call) {
          log(LogLevel::kError, fmt::format("cannot place the call: {}", pptp::to_string(call.error())));
          (void)control_->stop(now, wire::StopReason::kNone);
        }
      } else if (auto* connected = std::get_if<pptp::CallConnected>(&event)) {
        on_call_connected(now, *connected);
      } else if (auto* cleared = std::get_if<pptp::CallCleared>(&event)) {
        end_session(now, cleared->cause == pptp::CallClearCause::kTunnelDown
                             ? cleared_reason
                             : fmt::format("call cleared: {}", pptp::to_string(cleared->cause)));
        // One call per client: without it the tunnel has no purpose.
        (void)control_->stop(now, wire::StopReason::kNone);
      } else if (auto* line = std::get_if<pptp::LogLine>(&event)) {
        events_.push_back(LogLine{line->level, std::move(line->message)});
      }
    }
  }
  if (auto bytes = control_->poll_tcp_out(); !bytes.empty()) {
    tcp_out_.push_back(TcpOut{connection_, std::move(bytes), false});
  }
  if (control_->finished() && !finished_) {
    finished_ = true;
    if (!tcp_closed_) tcp_out_.push_back(TcpOut{connection_, {}, true});
  }
}

void Client::on_call_connected(Timestamp now, const pptp::CallConnected& connected) {
  gre::ChannelConfig channel = config_.channel;
  channel.peer_call_id = connected.peer_call_id;
  channel.peer_window = connected.peer_receive_window;
  channel.receive_window = config_.control.receive_window;
  channel.rtt.packet_processing_delay = std::chrono::milliseconds(100) * connected.peer_processing_delay;
  session_ = std::make_unique<Session>(connected.call_id, config_.server_address, config_.local_address,
                                       channel, config_.link, random_, std::nullopt);
  session_id_ = session_id(run_, ++sessions_started_);
  session_started_ = now;
  refused_ = false;
  session_->start(now);
  service_session(now);
}

void Client::service_session(Timestamp now) {
  session_->flush(now, gre_out_);
  while (auto ip = session_->poll_ip()) {
    MutableBytes out = tun_out_.prepare(ip->packet.size()).first(ip->packet.size());
    std::copy(ip->packet.begin(), ip->packet.end(), out.begin());
    session_->clamp_mss(out, stats_);
    tun_out_.commit(0, 0, out.size());
  }
  std::optional<std::string> down;
  while (auto event = session_->link().poll_event()) {
    if (auto* line = std::get_if<ppp::LogEvent>(&*event)) {
      events_.push_back(LogLine{LogLevel::kDebug, std::move(line->line)});
    } else if (auto* up = std::get_if<ppp::UpEvent>(&*event)) {
      if (up->protocol != wire::kPppIpcp || up_) continue;
      up_ = true;
      session_up_at_ = now;
      const ppp::LinkParameters p = session_->link().parameters();
      session_addresses_ = p.ipv4;
      if (config_.mss_clamp) session_->clamp_mss_for(two_way_mtu(p, config_.link.lcp.mru));
      events_.push_back(ConfigureTun{p.ipv4.value_or(ppp::Ipv4Assignment{}), p.mtu});
      SessionUp e{connection_,
                  session_id_,
                  config_.server_address,
                  session_->call_id(),
                  session_->channel().peer_call_id(),
                  p.user,
                  p.auth,
                  p.mppe,
                  p.ipv4.value_or(ppp::Ipv4Assignment{}),
                  p.mtu};
      events_.push_back(session_up_line(e, false));
      events_.push_back(std::move(e));
    } else if (auto* ok = std::get_if<ppp::AuthSucceededEvent>(&*event)) {
      events_.push_back(auth_succeeded_line(session_id_, config_.server_address, session_->call_id(),
                                            ok->user, session_->link().parameters().auth));
    } else if (auto* failed = std::get_if<ppp::AuthFailedEvent>(&*event)) {
      AuthFailed e{connection_,         session_id_,  config_.server_address,
                   session_->call_id(), failed->user, session_->link().parameters().auth,
                   failed->failure};
      events_.push_back(auth_failed_line(e));
      events_.push_back(std::move(e));
    } else if (auto* gone = std::get_if<ppp::DownEvent>(&*event)) {
      refused_ = is_refusal(gone->reason);
      down = std::string(ppp::to_string(gone->reason));
    }
  }
  if (!down) return;
  // The link is dead: hang up the call (Call-Clear-Request); the tunnel
  // stops once the server's Call-Disconnect-Notify clears it.
  const std::uint16_t call_id = session_->call_id();
  end_session(now, *down);
  if (!control_->clear_call(now, call_id)) (void)control_->stop(now, wire::StopReason::kNone);
  service_control(now);
}

void Client::end_session(Timestamp now, std::string_view reason) {
  if (!session_) return;
  // The peer's Terminate-Request text, else a link already closing (its
  // Terminate-Request sent, or the server's answered) went first: that is
  // the cause, not the call cleared after it.
  const auto closing = session_->link().closing_reason();
  const ppp::LinkParameters p = session_->link().parameters();
  SessionDown down{
      connection_,
      session_id_,
      config_.server_address,
      session_->call_id(),
      session_->channel().peer_call_id(),
      config_.link.user,
      session_->end_reason(closing ? std::string(ppp::to_string(*closing)) : std::string(reason)),
      up_,
      up_ ? session_addresses_ : p.ipv4,
      now - (up_ ? session_up_at_ : session_started_),
      session_->traffic()};
  events_.push_back(session_down_line(down, false, closing ? is_refusal(*closing) : refused_));
  events_.push_back(std::move(down));
  session_.reset();
  up_ = false;
}

void Client::log(LogLevel level, std::string message) {
  events_.push_back(LogLine{level, std::move(message)});
}

}  // namespace pptpkit::endpoint
