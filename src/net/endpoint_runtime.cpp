#include "net/endpoint_runtime.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <asio/post.hpp>
#include <asio/write.hpp>
#include <csignal>
#include <type_traits>

#include "endpoint/client.h"
#include "endpoint/data_path_text.h"
#include "endpoint/ipv4_text.h"
#include "endpoint/server.h"
#include "net/clock.h"
#include "net/endpoint_text.h"
#include "net/logging.h"

namespace pptpkit::net {

namespace {

Route host_route(std::uint32_t address, unsigned ifindex, std::uint16_t mtu = 0) {
  Route route;
  route.destination = asio::ip::address_v4(address);
  route.prefix_length = 32;
  route.ifindex = ifindex;
  route.mtu = mtu;
  return route;
}

// "198.51.100.53,198.51.100.54", or "none".
std::string servers_text(std::optional<std::uint32_t> primary, std::optional<std::uint32_t> secondary) {
  std::string text;
  for (const auto& server : {primary, secondary}) {
    if (!server) continue;
    if (!text.empty()) text += ",";
    text += endpoint::ipv4_text(*server);
  }
  return text.empty() ? "none" : text;
}

}  // namespace

template <class Endpoint>
EndpointRuntime<Endpoint>::EndpointRuntime(asio::io_context& io, Endpoint& endpoint, EndpointIo os,
                                           AdmissionLimits admission)
    : io_(io),
      endpoint_(endpoint),
      os_(os),
      gre_io_(io, os.gre, *this),
      tun_io_(io, os.tun, *this, 0),
      timer_(io,
             [this](Timestamp now) {
               endpoint_.on_timeout(now);
               service();
             }),
      signals_(io, SIGINT, SIGTERM, SIGHUP),
      reload_signals_(io),
      admission_(admission) {
  gre_io_.start();
  tun_io_.start();
  wait_signal();
  if (os_.hooks != nullptr) os_.hooks->on_idle([this] { stop_when_flushed(); });
}

template <class Endpoint>
EndpointRuntime<Endpoint>::~EndpointRuntime() {
  if (os_.hooks != nullptr) os_.hooks->on_idle(nullptr);
}

template <class Endpoint>
Status<std::string> EndpointRuntime<Endpoint>::listen(const asio::ip::tcp::endpoint& address) {
  auto listener =
      TcpListener::open(io_, address, [this](asio::ip::tcp::socket socket) { accept(std::move(socket)); });
  if (!listener) return Unexpected{listener.error()};
  spdlog::info("listening on {}", to_string((*listener)->endpoint()));
  listeners_.push_back(std::move(*listener));
  return {};
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::accept(asio::ip::tcp::socket socket) {
  const auto peer = admit_accepted(admission_, socket);
  if (!peer) return;  // the socket closes here
  add(std::move(socket), peer->address());
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::add_connection(asio::ip::tcp::socket socket) {
  add(std::move(socket), std::nullopt);
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::add(asio::ip::tcp::socket socket, std::optional<asio::ip::address> admitted) {
  std::error_code error;
  const auto peer = socket.remote_endpoint(error);
  if (error || !peer.address().is_v4()) {
    if (!error) {
      spdlog::warn("connection refused peer={} reason=\"the data path is IPv4 only\"", to_string(peer));
    }
    if (admitted) admission_.release(*admitted);
    return;  // the socket closes here
  }
  // An IPv4 peer reached an IPv4 address of ours: its calls' GRE source.
  const auto local = socket.local_endpoint(error);
  if (error || !local.address().is_v4()) return;
  const endpoint::ConnectionId id = next_id_++;
  auto connection = std::make_unique<Connection>(std::move(socket));
  connection->admitted = admitted;
  connections_.emplace(id, std::move(connection));
  if constexpr (std::is_same_v<Endpoint, endpoint::Server>) {
    endpoint_.on_tcp_accepted(now(), id, peer.address().to_v4().to_uint(), local.address().to_v4().to_uint());
  } else {
    endpoint_.start(now(), id);
  }
  read_next(id);
  service();
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::read_next(endpoint::ConnectionId id) {
  auto found = connections_.find(id);
  if (found == connections_.end()) return;
  Connection& c = *found->second;
  c.socket.async_read_some(asio::buffer(c.read_buffer),
                           [this, id](const std::error_code& error, std::size_t n) {
                             if (error == asio::error::operation_aborted) return;
                             auto it = connections_.find(id);
                             if (it == connections_.end()) return;
                             if (error) {
                               lost(id);
                               return;
                             }
                             endpoint_.on_tcp_bytes(now(), id, Bytes(it->second->read_buffer.data(), n));
                             read_next(id);
                             service();
                           });
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::tcp_out(endpoint::TcpOut out) {
  auto found = connections_.find(out.connection);
  if (found == connections_.end()) return;
  Connection& c = *found->second;
  const bool idle = c.writes.empty();
  if (!out.bytes.empty()) c.writes.push_back(std::move(out.bytes));
  if (out.close) c.close_after_writes = true;
  if (idle) write_next(out.connection);
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::write_next(endpoint::ConnectionId id) {
  auto found = connections_.find(id);
  if (found == connections_.end()) return;
  Connection& c = *found->second;
  if (c.writes.empty()) {
    if (c.close_after_writes) {
      std::error_code ignored;
      c.socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      erase(found);
    }
    return;
  }
  asio::async_write(c.socket, asio::buffer(c.writes.front()),
                    [this, id](const std::error_code& error, std::size_t) {
                      if (error == asio::error::operation_aborted) return;
                      auto it = connections_.find(id);
                      if (it == connections_.end()) return;
                      if (error) {
                        if (it->second->close_after_writes) {
                          erase(it);
                        } else {
                          lost(id);
                        }
                        return;
                      }
                      it->second->writes.pop_front();
                      write_next(id);
                      stop_when_flushed();
                    });
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::erase(typename Connections::iterator it) {
  if (it->second->admitted) admission_.release(*it->second->admitted);
  connections_.erase(it);
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::lost(endpoint::ConnectionId id) {
  if (const auto it = connections_.find(id); it != connections_.end()) erase(it);
  endpoint_.on_tcp_closed(now(), id);
  service();
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::on_datagram(Timestamp now, Bytes datagram) {
  endpoint_.on_gre_datagram(now, datagram);
  service();
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::on_gre(Timestamp, gre::IpAddress, Bytes) {
  // Only an IPv4 socket is opened: IPv6 GRE never arrives here.
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::on_tun_packet(Timestamp now, MutableBytes buffer, std::size_t packet_offset) {
  endpoint_.on_tun_packet(now, Bytes(buffer).subspan(packet_offset));
  service();
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::wait_signal() {
  signals_.async_wait([this](const std::error_code& error, int number) {
    if (error) return;
    if (stopping_) {
      spdlog::warn("signal {} while stopping: stopping now", number);
      io_.stop();
      return;
    }
    spdlog::info("signal {}: stopping", number);
    stopping_ = true;
    for (auto& listener : listeners_) listener->cancel();
    wait_signal();
    endpoint_.shutdown(now());
    service();
  });
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::on_reload(std::function<void()> reload) {
  reload_ = std::move(reload);
  // Added to the reload set before it leaves the stop set, so that SIGHUP
  // never falls back to its default action (death) in between.
  reload_signals_.add(SIGHUP);
  signals_.remove(SIGHUP);
  wait_reload_signal();
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::wait_reload_signal() {
  reload_signals_.async_wait([this](const std::error_code& error, int) {
    if (error) return;
    wait_reload_signal();
    reload_();
    service();
  });
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::hang_up() {
  // Posted: an observer calls this from inside service().
  asio::post(io_, [this] {
    endpoint_.shutdown(now());
    service();
  });
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::service() {
  while (auto out = endpoint_.poll_tcp_out()) tcp_out(std::move(*out));
  while (auto packet = endpoint_.poll_gre_out()) {
    // A full send queue drops the datagram: GRE is unreliable, PPP retries.
    if (!gre_io_.can_queue()) continue;
    const MutableBytes slot = gre_io_.slot();
    if (packet->bytes.size() > slot.size()) continue;
    std::copy(packet->bytes.begin(), packet->bytes.end(), slot.begin());
    gre_io_.queue(Bytes(slot.data(), packet->bytes.size()), gre::IpAddress::v4(packet->address),
                  packet->source != 0 ? std::optional(gre::IpAddress::v4(packet->source)) : std::nullopt);
  }
  gre_io_.flush();
  while (auto packet = endpoint_.poll_tun_out()) tun_io_.write(*packet);
  while (auto event = endpoint_.poll_event()) {
    handle(*event);
    if (observer_) observer_(*event);
  }
  timer_.arm(endpoint_.next_deadline());
  stop_when_flushed();
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::stop_when_flushed() {
  if (!endpoint_.finished()) return;
  if (os_.hooks != nullptr && !os_.hooks->idle()) return;  // ip-down hooks still to run
  const bool flushed = std::all_of(connections_.begin(), connections_.end(),
                                   [](const auto& c) { return c.second->writes.empty(); });
  if (flushed) io_.stop();
}

template <class Endpoint>
void EndpointRuntime<Endpoint>::handle(const endpoint::Event& event) {
  using endpoint::ipv4_text;
  // The endpoint logs its session events itself (session_log.h).
  if (const auto* line = std::get_if<endpoint::LogLine>(&event)) {
    log_line(*line);
  } else if (const auto* up = std::get_if<endpoint::SessionUp>(&event)) {
    if (os_.hooks != nullptr) os_.hooks->session_up(*up, os_.tun.name());
  } else if (const auto* down = std::get_if<endpoint::SessionDown>(&event)) {
    if (os_.hooks != nullptr) os_.hooks->session_down(*down, os_.tun.name());
  } else if (const auto* add = std::get_if<endpoint::AddRoute>(&event)) {
    if (auto done = os_.netlink.add_route(host_route(add->address, os_.tun.index(), add->mtu)); !done) {
      spdlog::error("{}", to_string(done.error()));
    } else {
      spdlog::info("route added {}/32 dev {} mtu {} call_id={}", ipv4_text(add->address), os_.tun.name(),
                   add->mtu, add->call_id);
    }
  } else if (const auto* remove = std::get_if<endpoint::RemoveRoute>(&event)) {
    if (auto done = os_.netlink.delete_route(host_route(remove->address, os_.tun.index())); !done) {
      spdlog::error("{}", to_string(done.error()));
    } else {
      spdlog::info("route removed {}/32 dev {} call_id={}", ipv4_text(remove->address), os_.tun.name(),
                   remove->call_id);
    }
  } else if (const auto* tun = std::get_if<endpoint::ConfigureTun>(&event)) {
    const unsigned index = os_.tun.index();
    const InterfaceAddress address{asio::ip::address_v4(tun->addresses.local), 32,
                                   asio::ip::address_v4(tun->addresses.peer)};
    for (const auto& done : {os_.netlink.set_mtu(index, tun->mtu), os_.netlink.add_address(index, address),
                             os_.netlink.set_link_up(index, true)}) {
      if (!done) spdlog::error("{}", to_string(done.error()));
    }
    spdlog::info("tun configured dev={} local={} peer={} mtu={}", os_.tun.name(),
                 ipv4_text(tun->addresses.local), ipv4_text(tun->addresses.peer), tun->mtu);
    // Nothing applies them (no resolver is touched): an ip-up hook may.
    spdlog::info("name servers from the server dns={} nbns={}",
                 servers_text(tun->addresses.primary_dns, tun->addresses.secondary_dns),
                 servers_text(tun->addresses.primary_nbns, tun->addresses.secondary_nbns));
  }
}

template <class Endpoint>
bool EndpointRuntime<Endpoint>::run() {
  service();
  io_.run();
  spdlog::info("data path stopped {} gre_send_failures={}",
               endpoint::data_path_text(endpoint_.stats(), endpoint_.gre_drops()),
               gre_io_.stats().send_failures);
  return stopping_;
}

template class EndpointRuntime<endpoint::Server>;
template class EndpointRuntime<endpoint::Client>;

}  // namespace pptpkit::net
