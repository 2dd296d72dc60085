// What the ip-up and ip-down hooks are told, as pppd tells its scripts
// (pppd(8), SCRIPTS), so existing /etc/ppp/ip-up scripts work unchanged:
//
//   arguments   interface-name tty-device speed local-IP remote-IP ipparam
//               pptp0 /dev/net/tun 115200 198.18.0.1 198.18.0.10 192.0.2.20
//   environment IFNAME DEVICE SPEED IPLOCAL IPREMOTE PEERNAME [DNS1 DNS2]
//               ip-down also CONNECT_TIME BYTES_SENT BYTES_RCVD
//               and PPTP_PEER PPTP_CALL_ID PPTP_PEER_CALL_ID PPTPKIT_SESSION
//
// PPTP has no tty: the device is the TUN character device, the speed
// pptpd's default, and ipparam the peer's public address. The environment
// holds only these and a fixed PATH (pppd clears its own too): never a
// password or key, which the events do not carry. Pure; docs/operations.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "endpoint/events.h"

namespace pptpkit::net {

struct HookCall {
  std::string name;                      // "ip-up" or "ip-down", for log lines
  std::string session;                   // a session's hooks run one after the other
  std::vector<std::string> arguments;    // after the program's own name
  std::vector<std::string> environment;  // "NAME=value"
};

// `interface` is the TUN device the session's packets cross.
HookCall ip_up_call(const endpoint::SessionUp& up, std::string_view interface);
HookCall ip_down_call(const endpoint::SessionDown& down, std::string_view interface);

}  // namespace pptpkit::net
