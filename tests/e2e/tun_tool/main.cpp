// tun_tool: creates a TUN device and configures it through net::Netlink as
// the server and client will, then answers ICMP echo requests routed to it
// (net::TunIo, headroom in front of each packet), so a ping through the
// device proves both directions of the userspace path. Inside a network
// namespace only: tests/e2e/test_tun_netlink.py.
//
// stdout, one JSON object per line: "ready" once configured (with route
// lookups and the refusal texts); "torn_down" after the stdin command
// `teardown` (which also removes the --pin route). `quit`, end of input or --duration end it. Errors: stderr.
#include <unistd.h>

#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/read_until.hpp>
#include <asio/steady_timer.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "configure.h"
#include "icmp_echo.h"
#include "net/tun_device.h"
#include "net/tun_io.h"
#include "options.h"

namespace pptpkit::e2e {
namespace {

class EchoResponder : public net::TunIoHandler {
 public:
  explicit EchoResponder(std::size_t headroom) : headroom_(headroom) {}
  virtual ~EchoResponder() = default;

  void attach(net::TunIo& io) { io_ = &io; }

  void on_tun_packet(Timestamp, MutableBytes buffer, std::size_t packet_offset) override {
    // The data path writes its headers into the headroom: it must be there.
    if (packet_offset != headroom_ || buffer.size() <= packet_offset) ++bad_headroom_;
    const MutableBytes packet = buffer.subspan(packet_offset);
    if (!reflect_echo_request(packet)) {
      ++ignored_;
      return;
    }
    if (io_->write(packet)) ++echoed_;
  }

  nlohmann::json counters() const {
    return {{"echoed", echoed_}, {"ignored", ignored_}, {"bad_headroom", bad_headroom_}};
  }

 private:
  std::size_t headroom_;
  net::TunIo* io_ = nullptr;
  std::uint64_t echoed_ = 0;
  std::uint64_t ignored_ = 0;  // not echo requests: IPv6 router solicitations and the like
  std::uint64_t bad_headroom_ = 0;
};

void print(const nlohmann::json& line) { std::cout << line.dump() << std::endl; }

// Reads commands from stdin, one per line, on the loop.
class Commands {
 public:
  Commands(asio::io_context& io, net::Netlink& netlink, const net::TunDevice& device,
           const TunToolOptions& options, const std::optional<net::Route>& pinned, const EchoResponder& echo,
           const net::TunIo& tun_io)
      : io_(io),
        input_(io, ::dup(STDIN_FILENO)),
        netlink_(netlink),
        device_(device),
        options_(options),
        pinned_(pinned),
        echo_(echo),
        tun_io_(tun_io) {}

  void start() {
    asio::async_read_until(input_, asio::dynamic_buffer(buffer_), '\n',
                           [this](std::error_code error, std::size_t n) {
                             if (error) return io_.stop();  // end of input
                             const std::string command = buffer_.substr(0, n - 1);
                             buffer_.erase(0, n);
                             if (command == "quit") return io_.stop();
                             if (command == "teardown") teardown();
                             start();
                           });
  }

 private:
  void teardown() {
    const auto error = unconfigure(netlink_, device_.index(), options_, pinned_);
    const auto& stats = tun_io_.stats();
    print({{"event", "torn_down"},
           {"error", error.value_or("")},
           {"echo", echo_.counters()},
           {"tun", {{"received", stats.received}, {"written", stats.written}, {"errors", stats.errors}}}});
  }

  asio::io_context& io_;
  asio::posix::stream_descriptor input_;
  std::string buffer_;
  net::Netlink& netlink_;
  const net::TunDevice& device_;
  const TunToolOptions& options_;
  const std::optional<net::Route>& pinned_;
  const EchoResponder& echo_;
  const net::TunIo& tun_io_;
};

int run(const TunToolOptions& options) {
  auto device = net::TunDevice::create(options.name);
  if (!device) {
    std::cerr << "tun_tool: " << net::to_string(device.error()) << '\n';
    return 2;
  }
  auto netlink = net::Netlink::create();
  if (!netlink) {
    std::cerr << "tun_tool: " << net::to_string(netlink.error()) << '\n';
    return 2;
  }
  if (const auto error = configure(*netlink, device->index(), options)) {
    std::cerr << "tun_tool: " << *error << '\n';
    return 3;
  }
  std::optional<net::Route> pinned;
  nlohmann::json pinned_json;
  if (options.pin) {
    auto route = pin_host(*netlink, *options.pin);
    if (!route) {
      std::cerr << "tun_tool: " << route.error() << '\n';
      return 3;
    }
    pinned = *route;
    pinned_json = {{"ifindex", route->ifindex},
                   {"gateway", route->gateway ? route->gateway->to_string() : ""}};
  }

  asio::io_context io;
  EchoResponder echo(options.headroom);
  net::TunIo tun_io(io, *device, echo, options.headroom);
  echo.attach(tun_io);
  Commands commands(io, *netlink, *device, options, pinned, echo, tun_io);
  asio::steady_timer deadline(io, options.duration);
  deadline.async_wait([&io](std::error_code error) {
    if (!error) io.stop();
  });

  print({{"event", "ready"},
         {"name", device->name()},
         {"index", device->index()},
         {"lookup", lookups(*netlink, options)},
         {"refused", refusals(*netlink, device->index(), options)},
         {"pinned", pinned_json}});
  tun_io.start();
  commands.start();
  io.run();
  return 0;
}

}  // namespace
}  // namespace pptpkit::e2e

int main(int argc, char** argv) { return pptpkit::e2e::run(pptpkit::e2e::parse_options(argc, argv)); }
