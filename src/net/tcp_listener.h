// One listening TCP socket on the event loop. Accepted sockets go to the
// owner, which decides about them (limits, control connection). IPv6
// listeners are IPv6-only, so "0.0.0.0" and "[::]" can listen side by side.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "net/admission.h"

namespace pptpkit::net {

class TcpListener {
 public:
  using AcceptHandler = std::function<void(asio::ip::tcp::socket socket)>;

  // Binds and listens; the error names the endpoint and the OS's reason.
  static Result<std::unique_ptr<TcpListener>, std::string> open(asio::io_context& io,
                                                                const asio::ip::tcp::endpoint& endpoint,
                                                                AcceptHandler on_accept);

  // Stops accepting and closes the listening socket (on shutdown).
  void cancel();
  const asio::ip::tcp::endpoint& endpoint() const { return endpoint_; }

  TcpListener(asio::io_context& io, asio::ip::tcp::endpoint endpoint, AcceptHandler on_accept);

 private:
  void accept_next();

  asio::ip::tcp::acceptor acceptor_;
  // After an accept error (EMFILE, ENFILE, ENOBUFS) the next try waits a
  // little instead of spinning on a backlog it cannot take.
  asio::steady_timer retry_;
  asio::ip::tcp::endpoint endpoint_;
  AcceptHandler on_accept_;
};

// The peer of an accepted socket when `admission` lets it in; nullopt (with
// the refusal logged) when a limit refuses it or the peer has already reset
// it. Dropping the socket closes it.
std::optional<asio::ip::tcp::endpoint> admit_accepted(Admission& admission,
                                                      const asio::ip::tcp::socket& socket);

}  // namespace pptpkit::net
