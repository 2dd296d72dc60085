#include "net/control_runtime.h"

#include <spdlog/spdlog.h>
#include <asio/connect.hpp>
#include <asio/post.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <utility>

#include "net/clock.h"
#include "net/endpoint_text.h"
#include "net/event_log.h"
#include "net/timed_connect.h"

namespace pptpkit::net {

ControlRuntime::ControlRuntime(asio::io_context& io, pptp::CallIdAllocator& allocator,
                               ControlHandler& handler, RuntimeSettings settings)
    : io_(io),
      allocator_(allocator),
      handler_(handler),
      settings_(std::move(settings)),
      admission_(settings_.admission),
      timer_(io, [this](Timestamp now) { on_timer(now); }) {}

// Sessions go before the allocator they return Call IDs to; the owner keeps
// the allocator alive longer than the runtime.
ControlRuntime::~ControlRuntime() = default;

Result<asio::ip::tcp::endpoint, std::string> ControlRuntime::listen(const asio::ip::tcp::endpoint& endpoint) {
  auto listener = TcpListener::open(io_, endpoint,
                                    [this](asio::ip::tcp::socket socket) { on_accept(std::move(socket)); });
  if (!listener) return Unexpected{listener.error()};
  const auto bound = (*listener)->endpoint();
  listeners_.push_back(std::move(*listener));
  spdlog::info("listening on {}", to_string(bound));
  return bound;
}

void ControlRuntime::on_accept(asio::ip::tcp::socket socket) {
  const auto peer = admit_accepted(admission_, socket);
  if (!peer) return;  // the socket closes here
  ++stats_.accepted;
  ControlSession& session = add(std::move(socket), *peer, pptp::Origin::kResponder, now());
  service(session, now());
}

void ControlRuntime::connect(const asio::ip::tcp::endpoint& server) {
  const std::uint64_t id = next_id_++;
  auto& pending = *connecting_.emplace(id, std::make_unique<asio::ip::tcp::socket>(io_)).first->second;
  async_connect_within(
      pending, server, settings_.connect_timeout, [this, id, server](const std::error_code& error) {
        auto it = connecting_.find(id);
        if (it == connecting_.end()) return;
        auto socket = std::move(it->second);
        connecting_.erase(it);
        if (error == asio::error::operation_aborted) {
          finish_stop_if_drained();  // cancelled by stop()
          return;
        }
        if (error) {
          spdlog::warn("connect peer={} error=\"{}\"", to_string(server), error.message());
          handler_.on_connect_failed(server, error);
          finish_stop_if_drained();
          return;
        }
        const Timestamp t = now();
        ControlSession& session = add(std::move(*socket), server, pptp::Origin::kOriginator, t);
        handler_.on_connected(session, t);
        service(session, t);
      });
}

ControlSession& ControlRuntime::add(asio::ip::tcp::socket socket, const asio::ip::tcp::endpoint& peer,
                                    pptp::Origin origin, Timestamp now) {
  std::error_code ignored;
  // Control messages are small and each one waits for an answer.
  socket.set_option(asio::ip::tcp::no_delay(true), ignored);
  const std::uint64_t id = next_id_++;
  auto session = std::make_unique<ControlSession>(id, std::move(socket), peer, settings_.connection, origin,
                                                  allocator_, this, now);
  ControlSession& added = *session;
  sessions_.emplace(id, std::move(session));
  read(added);
  return added;
}

ControlSession* ControlRuntime::find(std::uint64_t id) {
  const auto it = sessions_.find(id);
  return it == sessions_.end() || it->second->dead_ ? nullptr : it->second.get();
}

void ControlRuntime::read(ControlSession& session) {
  session.socket_.async_read_some(asio::buffer(session.read_buffer_),
                                  [this, id = session.id()](const std::error_code& error, std::size_t n) {
                                    ControlSession* s = find(id);
                                    if (s == nullptr) return;
                                    const Timestamp t = now();
                                    if (error) {
                                      s->peer_closed_ = true;
                                      s->connection_.on_tcp_closed(t);
                                    } else {
                                      s->connection_.on_tcp_bytes(t, Bytes(s->read_buffer_.data(), n));
                                      read(*s);
                                    }
                                    service(*s, t);
                                  });
}

void ControlRuntime::write(ControlSession& session) {
  if (!session.writing_.empty() || session.pending_.empty()) return;
  std::swap(session.writing_, session.pending_);
  asio::async_write(session.socket_, asio::buffer(session.writing_),
                    [this, id = session.id()](const std::error_code& error, std::size_t) {
                      ControlSession* s = find(id);
                      if (s == nullptr) return;
                      s->writing_.clear();
                      const Timestamp t = now();
                      if (error) {
                        // The peer is gone; what we still had to say is lost.
                        s->pending_.clear();
                        s->peer_closed_ = true;
                        s->connection_.on_tcp_closed(t);
                      }
                      service(*s, t);
                    });
}

void ControlRuntime::drain_events(ControlSession& session, Timestamp now) {
  while (auto event = session.connection_.poll_event()) {
    log_event(session.peer_name(), *event);
    if (const auto* down = std::get_if<pptp::TunnelDown>(&*event);
        down != nullptr && down->reason == pptp::TunnelDownReason::kStartTimeout &&
        session.origin() == pptp::Origin::kResponder) {
      ++stats_.idle_timeouts;
    }
    if (std::holds_alternative<pptp::CollisionLost>(*event))
      abort_pending_start(session.peer().address(), now);
    handler_.on_event(session, *event, now);
  }
}

void ControlRuntime::service(ControlSession& session, Timestamp now) {
  drain_events(session, now);
  std::vector<std::uint8_t> out = session.connection_.poll_tcp_out();
  if (!session.peer_closed_) session.pending_.insert(session.pending_.end(), out.begin(), out.end());
  if (session.buffered() > settings_.max_buffered) {
    ++stats_.buffer_overflows;
    spdlog::warn("connection dropped peer={} reason=\"{} octets unsent: the peer does not read\"",
                 session.peer_name(), session.buffered());
    session.connection_.abort(now);
    drain_events(session, now);
    close_now(session);
  } else if (session.connection_.finished() && session.buffered() == 0) {
    if (session.peer_closed_) {
      close_now(session);
    } else if (!session.shut_down_) {
      std::error_code ignored;
      session.socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
      session.shut_down_ = true;
      session.linger_until_ = now + settings_.linger;
    }
  } else {
    write(session);
  }
  rearm();
}

void ControlRuntime::abort_pending_start(const asio::ip::address& peer, Timestamp now) {
  for (auto& [id, session] : sessions_) {
    if (!session->dead_ && session->origin() == pptp::Origin::kOriginator &&
        session->peer().address() == peer && session->connection_.awaiting_start_reply()) {
      session->connection_.abort(now);
      service(*session, now);
    }
  }
}

bool ControlRuntime::start_request_pending(std::uint32_t peer_address) const {
  return std::any_of(sessions_.begin(), sessions_.end(), [peer_address](const auto& entry) {
    const ControlSession& s = *entry.second;
    return !s.dead_ && s.origin() == pptp::Origin::kOriginator &&
           ipv4_host_order(s.peer().address()) == peer_address && s.connection().awaiting_start_reply();
  });
}

void ControlRuntime::close_now(ControlSession& session) {
  if (session.dead_) return;
  session.dead_ = true;
  std::error_code ignored;
  session.socket_.close(ignored);
  // The caller may still hold the session (an event loop callback, a
  // handler): it is destroyed on the loop's next turn.
  asio::post(io_, [this, id = session.id()] { erase(id); });
}

void ControlRuntime::erase(std::uint64_t id) {
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  const std::unique_ptr<ControlSession> session = std::move(it->second);
  sessions_.erase(it);
  if (session->origin() == pptp::Origin::kResponder) admission_.release(session->peer().address());
  handler_.on_closed(*session);
  finish_stop_if_drained();
  rearm();
}

void ControlRuntime::on_timer(Timestamp now) {
  std::vector<std::uint64_t> ids;
  ids.reserve(sessions_.size());
  for (const auto& [id, session] : sessions_) ids.push_back(id);
  const bool past_bound = stop_deadline_ && *stop_deadline_ <= now;
  for (const std::uint64_t id : ids) {
    ControlSession* session = find(id);
    if (session == nullptr) continue;
    if (past_bound) {
      session->connection_.abort(now);
      drain_events(*session, now);
      close_now(*session);
    } else if (session->linger_until_ && *session->linger_until_ <= now) {
      close_now(*session);
    } else if (const auto deadline = session->connection_.next_deadline(); deadline && *deadline <= now) {
      session->connection_.on_timeout(now);
      service(*session, now);
    }
  }
  if (past_bound) {
    for (auto& [id, socket] : connecting_) socket->close();
    stop_deadline_.reset();
  }
  rearm();
}

void ControlRuntime::rearm() {
  std::optional<Timestamp> earliest = stop_deadline_;
  const auto consider = [&earliest](std::optional<Timestamp> t) {
    if (t && (!earliest || *t < *earliest)) earliest = t;
  };
  // A scan per event: linear in the connections, cheap next to the syscalls
  // for the few thousand a server holds.
  for (const auto& [id, session] : sessions_) {
    if (session->dead_) continue;
    consider(session->linger_until_ ? session->linger_until_ : session->connection_.next_deadline());
  }
  timer_.arm(earliest);
}

void ControlRuntime::stop(Timestamp now, std::function<void()> on_stopped) {
  if (stopping()) return;
  on_stopped_ = std::move(on_stopped);
  stop_deadline_ = now + settings_.stop_bound;
  for (auto& listener : listeners_) listener->cancel();
  std::vector<std::uint64_t> ids;
  for (const auto& [id, session] : sessions_) ids.push_back(id);
  for (const std::uint64_t id : ids) {
    ControlSession* session = find(id);
    if (session == nullptr || session->connection_.finished()) continue;
    // Refused only while a stop is already under way; that one goes on.
    (void)session->connection_.stop(now, wire::StopReason::kStopLocalShutdown);
    service(*session, now);
  }
  for (auto& [id, socket] : connecting_) socket->close();
  finish_stop_if_drained();
  rearm();
}

void ControlRuntime::finish_stop_if_drained() {
  if (!stopping() || !sessions_.empty() || !connecting_.empty()) return;
  timer_.arm(std::nullopt);
  stop_deadline_.reset();
  spdlog::info(
      "stopped accepted={} refused_total_limit={} refused_source_limit={} buffer_overflows={} "
      "idle_timeouts={}",
      stats_.accepted, admission_.refused(Refusal::kTotalLimit), admission_.refused(Refusal::kSourceLimit),
      stats_.buffer_overflows, stats_.idle_timeouts);
  auto done = std::exchange(on_stopped_, [] {});
  done();
}

}  // namespace pptpkit::net
