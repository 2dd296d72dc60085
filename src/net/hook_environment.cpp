#include "net/hook_environment.h"

#include <chrono>

#include "endpoint/ipv4_text.h"

namespace pptpkit::net {

namespace {

constexpr std::string_view kDevice = "/dev/net/tun";
constexpr std::string_view kSpeed = "115200";
constexpr std::string_view kPath = "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin";

// execve() ends a string at NUL; a name must not be cut short silently.
std::string variable(std::string_view name, std::string_view value) {
  std::string out = std::string(name) + "=";
  for (const char c : value) out += c == '\0' ? '?' : c;
  return out;
}

// What both hooks of a session share.
struct SessionFacts {
  std::string_view session;
  std::uint32_t peer;
  std::uint16_t call_id;
  std::uint16_t peer_call_id;
  std::string_view user;
  const ppp::Ipv4Assignment& addresses;
};

HookCall common_call(std::string name, const SessionFacts& s, std::string_view interface) {
  using endpoint::ipv4_text;
  const std::string local = ipv4_text(s.addresses.local);
  const std::string remote = ipv4_text(s.addresses.peer);
  const std::string peer = ipv4_text(s.peer);
  HookCall call{std::move(name),
                std::string(s.session),
                {std::string(interface), std::string(kDevice), std::string(kSpeed), local, remote, peer},
                {variable("PATH", kPath), variable("IFNAME", interface), variable("DEVICE", kDevice),
                 variable("SPEED", kSpeed), variable("IPLOCAL", local), variable("IPREMOTE", remote),
                 variable("PEERNAME", s.user), variable("PPTP_PEER", peer),
                 variable("PPTP_CALL_ID", std::to_string(s.call_id)),
                 variable("PPTP_PEER_CALL_ID", std::to_string(s.peer_call_id)),
                 variable("PPTPKIT_SESSION", s.session)}};
  if (s.addresses.primary_dns)
    call.environment.push_back(variable("DNS1", ipv4_text(*s.addresses.primary_dns)));
  if (s.addresses.secondary_dns) {
    call.environment.push_back(variable("DNS2", ipv4_text(*s.addresses.secondary_dns)));
  }
  return call;
}

}  // namespace

HookCall ip_up_call(const endpoint::SessionUp& up, std::string_view interface) {
  return common_call("ip-up", {up.session, up.peer, up.call_id, up.peer_call_id, up.user, up.addresses},
                     interface);
}

HookCall ip_down_call(const endpoint::SessionDown& down, std::string_view interface) {
  const ppp::Ipv4Assignment addresses = down.addresses.value_or(ppp::Ipv4Assignment{});
  HookCall call = common_call(
      "ip-down", {down.session, down.peer, down.call_id, down.peer_call_id, down.user, addresses}, interface);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(down.duration).count();
  call.environment.push_back(variable("CONNECT_TIME", std::to_string(seconds)));
  call.environment.push_back(variable("BYTES_SENT", std::to_string(down.traffic.bytes_out)));
  call.environment.push_back(variable("BYTES_RCVD", std::to_string(down.traffic.bytes_in)));
  return call;
}

}  // namespace pptpkit::net
