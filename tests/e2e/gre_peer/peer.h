// What both sending modes share: the raw socket on an Asio loop, the pacer,
// a checker per call, the run's bounds (a hard duration; an early exit once
// everything expected arrived), and the JSON summary. ChannelPeer and RawPeer
// say how a payload becomes a packet and a datagram becomes a payload.
#pragma once

#include <fmt/format.h>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <cstddef>
#include <string_view>
#include <vector>

#include "net/gre_io.h"
#include "net/raw_gre_socket.h"
#include "options.h"
#include "pacer.h"
#include "payload.h"

namespace pptpkit::e2e {

class Peer : public net::GreIoHandler, public PayloadSource {
 public:
  Peer(const Options& options, net::RawGreSocket socket);
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;

  // Waits for the go line (--sync), runs the loop until the duration ends or
  // everything expected arrived, and prints the JSON summary on stdout.
  void run();

 protected:
  virtual ~Peer() = default;

  const Options& options() const { return options_; }
  asio::io_context& io() { return io_; }
  net::GreIo& gre_io() { return gre_io_; }
  StreamCheck& check(std::size_t call) { return checks_[call]; }
  // After a payload was checked: ends the run early when all is in.
  void after_delivery();

 private:
  virtual std::string_view mode_name() const = 0;
  // Mode-specific fields of the summary: after a call's, and at the top level.
  virtual void write_call_extras(fmt::memory_buffer& out, std::size_t call) const = 0;
  virtual void write_extras(fmt::memory_buffer& out) const = 0;

  void on_send_ready() override { pacer_.on_send_ready(); }
  void on_sending_done() override;
  bool received_all() const;
  void stop_after(Duration delay);
  void print_summary(Timestamp started, Timestamp ended) const;

  Options options_;
  asio::io_context io_;
  net::RawGreSocket socket_;
  net::GreIo gre_io_;
  Pacer pacer_;
  std::vector<StreamCheck> checks_;
  asio::steady_timer stop_;
  bool sending_done_ = false;
  bool lingering_ = false;
};

}  // namespace pptpkit::e2e
