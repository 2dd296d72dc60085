// A TCP connect bounded in time: the kernel retries an unanswered SYN for
// about two minutes, which is too long for a client that should give up (or
// try again) on a dead server address. docs/net.md.
#pragma once

#include <asio/ip/tcp.hpp>
#include <functional>
#include <system_error>

#include "base/time.h"

namespace pptpkit::net {

// Starts connecting `socket` to `server`; `done` runs once, with
// asio::error::timed_out ("Connection timed out") when `timeout` passed
// first, with operation_aborted when the socket was cancelled or closed.
// `socket` must stay in place (not destroyed or moved) until `done` has run.
void async_connect_within(asio::ip::tcp::socket& socket, const asio::ip::tcp::endpoint& server,
                          Duration timeout, std::function<void(const std::error_code&)> done);

}  // namespace pptpkit::net
