// The VPN client's attempts: one attempt connects TCP to the server, runs
// endpoint::Client on the TUN device through net::EndpointRuntime until it
// finishes, adds the session's routes while it is up and removes them when
// it goes down (session_network.h); ReconnectSchedule decides whether
// another follows and after how long.
#pragma once

#include <asio/ip/tcp.hpp>

#include "base/random.h"
#include "client/reconnect.h"
#include "client/route_plan.h"
#include "endpoint/config.h"
#include "net/hook_runner.h"
#include "net/netlink.h"
#include "net/tun_device.h"
#include "pptp/call_id_allocator.h"

namespace pptpkit::client {

// What every attempt shares; the same TUN device serves them all, so its
// name stays for firewall rules and programs that name it.
struct VpnContext {
  asio::ip::tcp::endpoint server;
  endpoint::ClientConfig config;  // local_address is set per attempt
  RoutePlan plan;
  net::TunDevice& tun;
  net::Netlink& netlink;
  RandomSource& random;
  pptp::CallIdAllocator& call_ids;
  net::HookSettings hooks{};                            // ip-up/ip-down (docs/operations.md)
  Duration connect_timeout = std::chrono::seconds(10);  // the TCP handshake with the server
};

// Runs attempts until one ends for good: 0 when a signal ended them, 1
// otherwise (the last log line says why).
int run_attempts(VpnContext& context, const ReconnectSettings& reconnect);

}  // namespace pptpkit::client
