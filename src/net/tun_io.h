// Binds a TunDevice to an Asio event loop: waits for readability
// (async_wait, no Asio-owned buffers), drains the device a batch at a time
// until it would block, and hands each packet to a handler with headroom in
// front of it. After kBatchesPerTurn batches it yields to the loop's other
// work (the GRE socket, timers) and resumes draining after them, so a busy
// TUN cannot starve the rest. Writing is one write(2) per packet: TUN has no multi-packet
// write without IFF_VNET_HDR offload (docs/net.md).
#pragma once

#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "base/bytes.h"
#include "base/time.h"
#include "net/system_error.h"
#include "net/tun_device.h"
#include "net/tun_read_batch.h"

namespace pptpkit::net {

class TunIoHandler {
 public:
  // A packet the kernel routed to the device, read at `now`. The first
  // `packet_offset` octets of `buffer` are free (the headroom TunIo was
  // given); the IP packet fills the rest. Both may be modified in place.
  virtual void on_tun_packet(Timestamp now, MutableBytes buffer, std::size_t packet_offset) = 0;

 protected:
  ~TunIoHandler() = default;
};

struct TunIoStats {
  std::uint64_t received = 0;       // packets read
  std::uint64_t receive_calls = 0;  // batches that held packets
  std::uint64_t written = 0;        // packets the kernel took
  std::uint64_t errors = 0;         // failed reads and writes (last_error says the latest)
  std::optional<SystemError> last_error;
};

class TunIo {
 public:
  static constexpr std::size_t kBatchesPerTurn = 8;

  // `device` and `handler` must outlive this object. Each packet read gets
  // `headroom` free octets in front; `batch` packets are read per turn.
  TunIo(asio::io_context& io, TunDevice& device, TunIoHandler& handler, std::size_t headroom,
        std::size_t batch = 64);
  TunIo(const TunIo&) = delete;
  TunIo& operator=(const TunIo&) = delete;
  ~TunIo();

  // Starts waiting for packets; the handler runs from the io_context.
  void start();

  // Writes one IP packet to the device; false (and counted) when the kernel
  // refused it, which drops it: a datagram is not retried.
  bool write(Bytes packet);

  const TunIoStats& stats() const { return stats_; }

 private:
  void wait_readable();
  void drain();
  void record(const SystemError& error);

  asio::io_context& io_;
  TunDevice& device_;
  TunIoHandler& handler_;
  // Does not own the descriptor: TunDevice does (released in ~TunIo).
  asio::posix::stream_descriptor descriptor_;
  TunReadBatch batch_;
  // Expires with this object: a drain posted to the loop checks it, since
  // unlike a wait it cannot be cancelled.
  std::shared_ptr<TunIo*> alive_;
  TunIoStats stats_;
};

}  // namespace pptpkit::net
