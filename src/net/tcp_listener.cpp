#include "net/tcp_listener.h"

#include <asio/ip/v6_only.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <utility>

#include "net/endpoint_text.h"

namespace pptpkit::net {

namespace {

constexpr auto kAcceptRetry = std::chrono::milliseconds(100);

}  // namespace

TcpListener::TcpListener(asio::io_context& io, asio::ip::tcp::endpoint endpoint, AcceptHandler on_accept)
    : acceptor_(io), retry_(io), endpoint_(std::move(endpoint)), on_accept_(std::move(on_accept)) {}

Result<std::unique_ptr<TcpListener>, std::string> TcpListener::open(asio::io_context& io,
                                                                    const asio::ip::tcp::endpoint& endpoint,
                                                                    AcceptHandler on_accept) {
  auto listener = std::make_unique<TcpListener>(io, endpoint, std::move(on_accept));
  auto& acceptor = listener->acceptor_;
  std::error_code error;
  const auto fail = [&](std::string_view step) {
    return Unexpected{fmt::format("listen on {}: {}: {}", to_string(endpoint), step, error.message())};
  };
  acceptor.open(endpoint.protocol(), error);
  if (error) return fail("socket");
  acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (error) return fail("SO_REUSEADDR");
  if (endpoint.address().is_v6()) {
    acceptor.set_option(asio::ip::v6_only(true), error);
    if (error) return fail("IPV6_V6ONLY");
  }
  acceptor.bind(endpoint, error);
  if (error) return fail("bind");
  acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) return fail("listen");
  // Port 0 binds an ephemeral port: report the real one.
  listener->endpoint_ = acceptor.local_endpoint(error);
  listener->accept_next();
  return listener;
}

void TcpListener::cancel() {
  std::error_code ignored;
  retry_.cancel();
  acceptor_.close(ignored);
}

void TcpListener::accept_next() {
  acceptor_.async_accept([this](const std::error_code& error, asio::ip::tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (error) {
      spdlog::warn("accept on {}: {}", to_string(endpoint_), error.message());
      retry_.expires_after(kAcceptRetry);
      retry_.async_wait([this](const std::error_code& cancelled) {
        if (!cancelled) accept_next();
      });
      return;
    }
    on_accept_(std::move(socket));
    accept_next();
  });
}

std::optional<asio::ip::tcp::endpoint> admit_accepted(Admission& admission,
                                                      const asio::ip::tcp::socket& socket) {
  std::error_code error;
  const auto peer = socket.remote_endpoint(error);
  if (error) return std::nullopt;  // already reset by the peer
  if (const auto refusal = admission.admit(peer.address())) {
    spdlog::warn("connection refused peer={} reason=\"{}\" refused_total={}", to_string(peer),
                 to_string(*refusal), admission.refused(*refusal));
    return std::nullopt;
  }
  return peer;
}

}  // namespace pptpkit::net
