// Binds a RawGreSocket to an Asio event loop: waits for readability
// (async_wait, no Asio-owned buffers), drains the socket with recvmmsg until
// it would block, hands each datagram to a handler, then sends what the
// handler queued with sendmmsg. When the send buffer fills it waits for
// writability and resumes, so a sender can push at full speed without
// spinning. One per socket, so a process serving both address families runs
// two (one per RawGreSocket) with one handler; any number of channels behind
// it (the handler demultiplexes, e.g. through gre::Demux).
#pragma once

#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/time.h"
#include "gre/ip_address.h"
#include "net/packet_batch.h"
#include "net/raw_gre_socket.h"
#include "net/system_error.h"
#include "net/warning_rate_limit.h"

namespace pptpkit::net {

class GreIoHandler {
 public:
  // A datagram from an IPv4 socket (header included: gre::Demux::on_datagram)
  // and the time it was read.
  virtual void on_datagram(Timestamp now, Bytes datagram) = 0;
  // A GRE packet from an IPv6 socket, which strips the header, and its
  // source (gre::Demux::on_gre).
  virtual void on_gre(Timestamp now, gre::IpAddress source, Bytes gre_packet) = 0;
  // The send queue has room again after GreIo::can_queue() was false.
  virtual void on_send_ready() {}

 protected:
  ~GreIoHandler() = default;
};

struct GreIoStats {
  std::uint64_t received = 0;       // datagrams
  std::uint64_t receive_calls = 0;  // recvmmsg calls that returned datagrams
  std::uint64_t sent = 0;           // packets the kernel took
  std::uint64_t send_calls = 0;     // flushes that sent something
  std::uint64_t send_blocked = 0;   // times the send buffer was full
  std::uint64_t errors = 0;         // failed calls (last_error says the latest)
  std::uint64_t send_failures = 0;  // packets the kernel refused (among errors; logged, rate-limited)
  std::optional<SystemError> last_error;
};

class GreIo {
 public:
  // `socket` and `handler` must outlive this object. `batch` is the number of
  // packets per recvmmsg and per sendmmsg.
  GreIo(asio::io_context& io, RawGreSocket& socket, GreIoHandler& handler, std::size_t batch = 64);
  GreIo(const GreIo&) = delete;
  GreIo& operator=(const GreIo&) = delete;
  ~GreIo();

  // Starts waiting for datagrams; the handler runs from the io_context.
  void start();

  // Whether a packet can be queued now: false while a full queue waits for
  // the socket to become writable (on_send_ready follows).
  bool can_queue() const;
  // Where to build the next packet (e.g. gre::Channel::send_payload with the
  // payload at gre::kHeadroom, or poll_transmit); valid until queue().
  MutableBytes slot();
  // Queues `packet` (inside slot()) for `destination`, of the socket's
  // family, from `source` when given (PacketBatch::queue); sends the batch
  // once it is full.
  void queue(Bytes packet, const gre::IpAddress& destination,
             const std::optional<gre::IpAddress>& source = std::nullopt);
  // Sends everything queued. Called after every handled receive; callers
  // that queue from a timer call it when done.
  void flush();

  const GreIoStats& stats() const { return stats_; }

 private:
  void wait_readable();
  void drain();
  void wait_writable();
  void record(const SystemError& error);
  // Counts and logs it: the first, then at most one warning per 10 s.
  void record(const SendFailure& failure);

  RawGreSocket& socket_;
  GreIoHandler& handler_;
  // Does not own the descriptor: RawGreSocket does (released in ~GreIo).
  asio::posix::stream_descriptor descriptor_;
  PacketBatch received_;
  PacketBatch outgoing_;
  bool waiting_writable_ = false;
  GreIoStats stats_;
  WarningRateLimit send_failure_warnings_;
};

}  // namespace pptpkit::net
