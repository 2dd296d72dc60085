// Settings of a server or client endpoint. The defaults are the secure ones
// (DESIGN.md): MS-CHAPv2 only and 128-bit MPPE required, from the PPP
// layer's own defaults, which these structs embed unchanged.
#pragma once

#include <chrono>
#include <cstdint>

#include "base/time.h"
#include "endpoint/ip_pool.h"
#include "endpoint/session_limits.h"
#include "gre/channel.h"
#include "ppp/link_config.h"
#include "pptp/call_id_allocator.h"
#include "pptp/config.h"
#include "pptp/control_connection.h"

namespace pptpkit::endpoint {

struct ServerConfig {
  // The server's address on the underlay (collision rule, log lines).
  std::uint32_t local_address = 0;
  // Role, addresses and max_calls per tunnel are set per connection.
  pptp::ConnectionConfig control;
  pptp::CallIdAllocatorConfig call_ids;
  // peer_call_id, peer_window and the processing delay are set per call.
  gre::ChannelConfig channel;
  // The authenticator's settings; role is forced to kAuthenticator.
  ppp::LinkConfig link;
  IpPoolConfig pool;
  SessionLimits limits;
  // Lower the MSS of TCP SYNs crossing a session to what its MTU carries.
  bool mss_clamp = true;
  // How long shutdown() waits for orderly teardown before aborting.
  Duration shutdown_timeout = std::chrono::seconds(10);
};

struct ClientConfig {
  std::uint32_t local_address = 0;
  std::uint32_t server_address = 0;
  pptp::ConnectionConfig control;  // role forced to kPns
  pptp::CallRequest call;          // the Outgoing-Call-Request
  gre::ChannelConfig channel;
  // The peer's settings (user, password); role is forced to kPeer.
  ppp::LinkConfig link;
  bool mss_clamp = true;  // as the server's
  Duration shutdown_timeout = std::chrono::seconds(10);
};

}  // namespace pptpkit::endpoint
