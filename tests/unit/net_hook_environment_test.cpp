// What ip-up and ip-down are told: pppd's six arguments and its variables,
// plus pptpkit's, and nothing else.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "net/hook_environment.h"

namespace pptpkit::net {
namespace {

endpoint::SessionUp session_up() {
  endpoint::SessionUp up;
  up.session = "0badcafe-7";
  up.peer = 0xC0000214;  // 192.0.2.20
  up.call_id = 27512;
  up.peer_call_id = 4121;
  up.user = "alice";
  up.auth = ppp::AuthMethod::kMsChapV2;
  up.addresses.local = 0xC6120001;  // 198.18.0.1
  up.addresses.peer = 0xC612000A;   // 198.18.0.10
  up.addresses.primary_dns = 0xC6120035;
  up.addresses.secondary_dns = 0xC6120036;
  up.mtu = 1396;
  return up;
}

std::map<std::string, std::string> variables(const HookCall& call) {
  std::map<std::string, std::string> out;
  for (const auto& entry : call.environment) {
    const auto equals = entry.find('=');
    EXPECT_NE(equals, std::string::npos) << entry;
    EXPECT_TRUE(out.emplace(entry.substr(0, equals), entry.substr(equals + 1)).second) << "twice: " << entry;
  }
  return out;
}

const std::map<std::string, std::string> kUpVariables{
    {"PATH", "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin"},
    {"IFNAME", "pptp0"},
    {"DEVICE", "/dev/net/tun"},
    {"SPEED", "115200"},
    {"IPLOCAL", "198.18.0.1"},
    {"IPREMOTE", "198.18.0.10"},
    {"PEERNAME", "alice"},
    {"DNS1", "198.18.0.53"},
    {"DNS2", "198.18.0.54"},
    {"PPTP_PEER", "192.0.2.20"},
    {"PPTP_CALL_ID", "27512"},
    {"PPTP_PEER_CALL_ID", "4121"},
    {"PPTPKIT_SESSION", "0badcafe-7"}};

TEST(HookEnvironment, IpUpGetsPppdsArgumentsAndVariables) {
  const HookCall call = ip_up_call(session_up(), "pptp0");
  EXPECT_EQ(call.name, "ip-up");
  EXPECT_EQ(call.session, "0badcafe-7");
  EXPECT_EQ(call.arguments, (std::vector<std::string>{"pptp0", "/dev/net/tun", "115200", "198.18.0.1",
                                                      "198.18.0.10", "192.0.2.20"}));
  EXPECT_EQ(variables(call), kUpVariables);
}

TEST(HookEnvironment, IpDownAddsConnectTimeAndTraffic) {
  const endpoint::SessionUp up = session_up();
  endpoint::SessionDown down;
  down.session = up.session;
  down.peer = up.peer;
  down.call_id = up.call_id;
  down.peer_call_id = up.peer_call_id;
  down.user = up.user;
  down.reason = "User request";
  down.was_up = true;
  down.addresses = up.addresses;
  down.duration = std::chrono::milliseconds(62999);
  down.traffic = {.packets_in = 3, .bytes_in = 1234, .packets_out = 4, .bytes_out = 5678};
  const HookCall call = ip_down_call(down, "pptp0");
  EXPECT_EQ(call.name, "ip-down");
  EXPECT_EQ(call.arguments, ip_up_call(up, "pptp0").arguments);
  auto expected = kUpVariables;
  expected.insert({{"CONNECT_TIME", "62"}, {"BYTES_SENT", "5678"}, {"BYTES_RCVD", "1234"}});
  EXPECT_EQ(variables(call), expected);
}

TEST(HookEnvironment, UnknownNameServersAreLeftOutAndNulCannotCutAValue) {
  endpoint::SessionUp up = session_up();
  up.addresses.primary_dns.reset();
  up.addresses.secondary_dns.reset();
  up.user = std::string("ev\0il", 5);
  const auto vars = variables(ip_up_call(up, "pptp-c0"));
  EXPECT_FALSE(vars.contains("DNS1"));
  EXPECT_FALSE(vars.contains("DNS2"));
  EXPECT_EQ(vars.at("PEERNAME"), "ev?il");
  EXPECT_EQ(vars.at("IFNAME"), "pptp-c0");
}

}  // namespace
}  // namespace pptpkit::net
