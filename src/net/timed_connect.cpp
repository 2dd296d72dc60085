#include "net/timed_connect.h"

#include <asio/steady_timer.hpp>
#include <memory>

namespace pptpkit::net {

void async_connect_within(asio::ip::tcp::socket& socket, const asio::ip::tcp::endpoint& server,
                          Duration timeout, std::function<void(const std::error_code&)> done) {
  // Shared by both handlers: the timer lives until the connect has ended.
  struct Pending {
    explicit Pending(const asio::any_io_executor& executor) : timer(executor) {}
    asio::steady_timer timer;
    bool timed_out = false;
    bool finished = false;  // a timer that expired as the connect ended must not cancel it
  };
  auto pending = std::make_shared<Pending>(socket.get_executor());
  pending->timer.expires_after(timeout);
  pending->timer.async_wait([pending, &socket](const std::error_code& error) {
    if (error || pending->finished) return;  // the connect ended first
    pending->timed_out = true;
    socket.cancel();
  });
  socket.async_connect(server, [pending, done = std::move(done)](const std::error_code& error) {
    pending->finished = true;
    pending->timer.cancel();
    done(pending->timed_out && error == asio::error::operation_aborted
             ? std::error_code(asio::error::timed_out)
             : error);
  });
}

}  // namespace pptpkit::net
