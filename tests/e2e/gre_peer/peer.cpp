#include "peer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "net/clock.h"
#include "summary.h"

namespace pptpkit::e2e {
namespace {

// Long enough for the last acknowledgments to go out and arrive.
constexpr auto kLinger = std::chrono::milliseconds(200);

Duration seconds(double s) { return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(s)); }

PacerConfig pacer_config(const Options& options) {
  return PacerConfig{options.calls.size(), options.count, options.rate,
                     seconds(options.send_for > 0 ? options.send_for : options.duration)};
}

}  // namespace

Peer::Peer(const Options& options, net::RawGreSocket socket)
    : options_(options),
      socket_(std::move(socket)),
      gre_io_(io_, socket_, *this),
      pacer_(io_, gre_io_, *this, pacer_config(options)),
      stop_(io_) {
  for (const CallSpec& call : options_.calls) checks_.emplace_back(call.local_call_id, options_.size);
}

void Peer::run() {
  if (options_.sync) {
    std::cout << "ready" << std::endl;
    std::string go;
    std::getline(std::cin, go);
  }
  const Timestamp started = net::now();
  gre_io_.start();
  pacer_.start(started);
  stop_after(seconds(options_.duration));
  io_.run();
  print_summary(started, net::now());
}

void Peer::on_sending_done() {
  sending_done_ = true;
  after_delivery();
}

void Peer::after_delivery() {
  if (!sending_done_ || lingering_ || !received_all()) return;
  lingering_ = true;
  stop_after(kLinger);  // replaces the duration bound, which is later
}

bool Peer::received_all() const {
  return options_.expect > 0 && std::all_of(checks_.begin(), checks_.end(), [&](const StreamCheck& c) {
           return c.unique() >= options_.expect;
         });
}

void Peer::stop_after(Duration delay) {
  stop_.expires_after(delay);  // cancels the previous bound
  stop_.async_wait([this](const std::error_code& error) {
    if (!error) io_.stop();
  });
}

void Peer::print_summary(Timestamp started, Timestamp ended) const {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "{{\"mode\": \"{}\", \"elapsed_s\": {:.6f}, \"calls\": [",
                 mode_name(), to_seconds(ended - started));
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    if (i > 0) fmt::format_to(std::back_inserter(out), ", ");
    const CallSpec& call = options_.calls[i];
    fmt::format_to(std::back_inserter(out), "{{\"local_call_id\": {}, \"peer_call_id\": {}, \"sent\": {}, ",
                   call.local_call_id, call.peer_call_id, pacer_.sent(i));
    write_check(out, checks_[i], started);
    write_call_extras(out, i);
    fmt::format_to(std::back_inserter(out), "}}");
  }
  fmt::format_to(std::back_inserter(out), "], \"io\": ");
  write_io_stats(out, gre_io_.stats());
  write_extras(out);
  fmt::format_to(std::back_inserter(out), "}}\n");
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

}  // namespace pptpkit::e2e
