#include "net/tun_io.h"

#include <asio/post.hpp>

#include "net/clock.h"

namespace pptpkit::net {

TunIo::TunIo(asio::io_context& io, TunDevice& device, TunIoHandler& handler, std::size_t headroom,
             std::size_t batch)
    : io_(io),
      device_(device),
      handler_(handler),
      descriptor_(io, device.native_handle()),
      batch_(batch, headroom),
      alive_(std::make_shared<TunIo*>(this)) {}

TunIo::~TunIo() {
  descriptor_.cancel();
  (void)descriptor_.release();
}

void TunIo::start() { wait_readable(); }

void TunIo::wait_readable() {
  descriptor_.async_wait(asio::posix::stream_descriptor::wait_read, [this](const std::error_code& error) {
    if (error == asio::error::operation_aborted) return;
    drain();
  });
}

// Until read(2) would block: Asio's epoll registration is edge-triggered, so
// a wait started while packets remain would not wake until another arrives.
// A full batch means more may be waiting.
void TunIo::drain() {
  for (std::size_t turn = 0; turn < kBatchesPerTurn; ++turn) {
    const auto count = device_.read(batch_);
    if (!count) record(count.error());
    if (!count || *count == 0) return wait_readable();
    ++stats_.receive_calls;
    stats_.received += *count;
    const Timestamp at = now();
    for (std::size_t i = 0; i < *count; ++i) handler_.on_tun_packet(at, batch_.buffer(i), batch_.headroom());
    if (*count < batch_.capacity()) return wait_readable();  // empty: skip the EAGAIN call
  }
  asio::post(io_, [alive = std::weak_ptr<TunIo*>(alive_)] {
    if (const auto self = alive.lock()) (*self)->drain();
  });
}

bool TunIo::write(Bytes packet) {
  const auto written = device_.write(packet);
  if (!written) {
    record(written.error());
    return false;
  }
  ++stats_.written;
  return true;
}

void TunIo::record(const SystemError& error) {
  ++stats_.errors;
  stats_.last_error = error;
}

}  // namespace pptpkit::net
