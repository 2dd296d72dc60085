#include "net/gre_io.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <string>

#include "net/clock.h"
#include "net/socket_address.h"

namespace pptpkit::net {

GreIo::GreIo(asio::io_context& io, RawGreSocket& socket, GreIoHandler& handler, std::size_t batch)
    : socket_(socket),
      handler_(handler),
      descriptor_(io, socket.native_handle()),
      received_(batch),
      outgoing_(batch) {}

GreIo::~GreIo() {
  descriptor_.cancel();
  (void)descriptor_.release();
}

void GreIo::start() { wait_readable(); }

void GreIo::wait_readable() {
  descriptor_.async_wait(asio::posix::stream_descriptor::wait_read, [this](const std::error_code& error) {
    if (error == asio::error::operation_aborted) return;
    drain();
    wait_readable();
  });
}

// Until recvmmsg would block: the readiness notification is edge-like for
// our purposes, and one wake-up per batch rather than per datagram is the
// point of batching.
void GreIo::drain() {
  for (;;) {
    const auto count = socket_.receive(received_);
    if (!count) {
      record(count.error());
      break;
    }
    if (*count == 0) break;
    ++stats_.receive_calls;
    stats_.received += *count;
    const Timestamp at = now();
    const bool v6 = socket_.family() == gre::IpAddress::Family::kIpv6;
    for (std::size_t i = 0; i < *count; ++i) {
      if (v6) {
        handler_.on_gre(at, received_.source(i), received_.packet(i));
      } else {
        handler_.on_datagram(at, received_.packet(i));
      }
    }
    flush();
    if (*count < received_.capacity()) break;  // the socket is empty: skip the EAGAIN call
  }
}

bool GreIo::can_queue() const { return outgoing_.has_free_slot(); }

MutableBytes GreIo::slot() { return outgoing_.free_slot(); }

void GreIo::queue(Bytes packet, const gre::IpAddress& destination,
                  const std::optional<gre::IpAddress>& source) {
  outgoing_.queue(packet, destination, source);
  if (!outgoing_.has_free_slot()) flush();
}

void GreIo::flush() {
  if (waiting_writable_) return;  // the writability handler will flush
  while (!outgoing_.empty()) {
    const auto sent = socket_.send(outgoing_);
    if (!sent) {
      record(sent.error());
      continue;  // that packet was dropped; send the rest
    }
    if (*sent > 0) {
      ++stats_.send_calls;
      stats_.sent += *sent;
    }
    if (!outgoing_.empty()) {
      ++stats_.send_blocked;
      wait_writable();
      return;
    }
  }
}

void GreIo::wait_writable() {
  waiting_writable_ = true;
  descriptor_.async_wait(asio::posix::stream_descriptor::wait_write, [this](const std::error_code& error) {
    if (error == asio::error::operation_aborted) return;
    waiting_writable_ = false;
    flush();
    if (!waiting_writable_) handler_.on_send_ready();
  });
}

void GreIo::record(const SystemError& error) {
  ++stats_.errors;
  stats_.last_error = error;
}

void GreIo::record(const SendFailure& failure) {
  record(failure.error);
  ++stats_.send_failures;
  const auto count = send_failure_warnings_.occurred(now());
  if (!count) return;
  const std::string since = *count == 1 ? "" : fmt::format(" ({} failures since the last warning)", *count);
  spdlog::warn("GRE send to {} failed: {}{}", to_string(failure.destination), to_string(failure.error),
               since);
}

}  // namespace pptpkit::net
