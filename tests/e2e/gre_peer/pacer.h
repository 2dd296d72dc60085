// When each call sends its next payload: at a fixed rate per call (a 1 ms
// tick catches up on what is due), or as fast as the socket takes them
// (one batch per event-loop turn, so received packets and timers still get
// their turn; waits for writability when the send buffer is full).
// Round-robin across calls, so no call starves another.
#pragma once

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/time.h"
#include "net/gre_io.h"

namespace pptpkit::e2e {

class PayloadSource {
 public:
  // Queues payload `number` of call `call` on the GreIo (one slot is free).
  virtual void send(Timestamp now, std::size_t call, std::uint32_t number) = 0;
  // Every call has sent its count, or the sending time is over.
  virtual void on_sending_done() = 0;

 protected:
  ~PayloadSource() = default;
};

struct PacerConfig {
  std::size_t calls = 0;
  std::uint64_t count = 0;  // per call
  double rate = 0;          // per call per second; 0 is full speed
  Duration send_for{};
};

class Pacer {
 public:
  Pacer(asio::io_context& io, net::GreIo& gre_io, PayloadSource& source, const PacerConfig& config);

  void start(Timestamp now);
  // GreIoHandler::on_send_ready: the queue that stopped us has drained.
  void on_send_ready();

  std::uint64_t sent(std::size_t call) const { return sent_[call]; }

 private:
  void step();
  // Payloads call `call` may have sent by `elapsed`.
  std::uint64_t due(Duration elapsed) const;

  asio::io_context& io_;
  net::GreIo& gre_io_;
  PayloadSource& source_;
  PacerConfig config_;
  asio::steady_timer tick_;
  std::vector<std::uint64_t> sent_;
  Timestamp started_{};
  bool blocked_ = false;  // waiting for on_send_ready
  bool done_ = false;
};

}  // namespace pptpkit::e2e
