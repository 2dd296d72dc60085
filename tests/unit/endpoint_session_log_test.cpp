// The session log lines: their text form (quoting of hostile values), and
// what the server core logs for each session event, once per event, with
// the fields docs/operations.md promises.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "endpoint/ipv4_text.h"
#include "endpoint/log_fields.h"
#include "endpoint/session_log.h"
#include "sim/endpoint_fixture.h"
#include "sim/endpoint_world.h"

namespace pptpkit::endpoint {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(LogText, PlainValuesStayBareAndOthersAreQuotedAndEscaped) {
  EXPECT_EQ(log_text("session up", {text_field("user", "alice"), number_field("mtu", 1396)}),
            "session up user=alice mtu=1396");
  EXPECT_EQ(log_text("x", {text_field("reason", "peer terminated")}), "x reason=\"peer terminated\"");
  EXPECT_EQ(log_text("x", {text_field("user", "")}), "x user=\"\"");
  // A user name cannot forge another field or break the line.
  EXPECT_EQ(log_text("x", {text_field("user", "bob reason=ok")}), "x user=\"bob reason=ok\"");
  EXPECT_EQ(log_text("x", {text_field("user", "a=b")}), "x user=\"a=b\"");
  EXPECT_EQ(log_text("x", {text_field("user", "q\"\\")}), "x user=\"q\\\"\\\\\"");
  EXPECT_EQ(log_text("x", {text_field("user", std::string("n\nl\0\xff", 5))}),
            "x user=\"n\\x0al\\x00\\xff\"");
}

TEST(SessionLog, MppeText) {
  EXPECT_EQ(mppe_text(std::nullopt), "none");
  EXPECT_EQ(mppe_text(ppp::MppeConfig{crypto::MppeStrength::k128Bit, ppp::MppeMode::kStateless}),
            "128-bit stateless");
  EXPECT_EQ(mppe_text(ppp::MppeConfig{crypto::MppeStrength::k40Bit, ppp::MppeMode::kStateful}),
            "40-bit stateful");
}

TEST(SessionLog, SessionDownNamesTheKindOfEnd) {
  SessionDown down;
  down.session = "0000002a-1";
  down.user = "alice";
  down.peer = 0xC0000214;
  down.duration = milliseconds(62250);
  down.traffic = {3, 300, 4, 4000};
  down.reason = "User request";
  down.was_up = true;
  down.addresses = ppp::Ipv4Assignment{};
  down.addresses->local = 0xC6120001;
  down.addresses->peer = 0xC612000A;
  const LogLine line = session_down_line(down, true, false);
  EXPECT_EQ(line.level, LogLevel::kInfo);
  EXPECT_EQ(
      log_text(line.message, line.fields),
      "session down user=alice call_id=0 reason=\"User request\" peer=192.0.2.20 peer_call_id=0 "
      "address=198.18.0.10 server_end=198.18.0.1 duration=62.250 packets_in=3 bytes_in=300 packets_out=4 "
      "bytes_out=4000 session=0000002a-1");
  down.was_up = false;
  EXPECT_EQ(session_down_line(down, true, true).message, "session refused");
  EXPECT_EQ(session_down_line(down, true, true).level, LogLevel::kWarning);
  EXPECT_EQ(session_down_line(down, true, false).message, "session failed");
  // On the client, address= is its own end.
  std::swap(down.addresses->local, down.addresses->peer);
  EXPECT_NE(log_text("", session_down_line(down, false, false).fields).find("address=198.18.0.10 "),
            std::string::npos);
}

// The fields of a line as a map, and its text.
std::map<std::string, std::string> fields_of(const LogLine& line) {
  std::map<std::string, std::string> out;
  for (const auto& f : line.fields) out[f.key] = f.value;
  return out;
}

class ServerSessionLog : public ::testing::Test {
 protected:
  void make_world(ServerConfig config = sim::fixture_server_config()) {
    world = std::make_unique<sim::EndpointWorld>(1, sim::LinkProfile{.delay = milliseconds(1)},
                                                 milliseconds(1), std::move(config), secrets);
    world->keep_server_log();
  }
  std::size_t connect(ClientConfig config) {
    const std::size_t index = world->add_client(std::move(config));
    world->connect(index);
    return index;
  }
  void run_for(Duration d) { world->run_until(world->now() + d); }
  // One `message` line, a warning, with `expected` among its fields.
  void expect_one_warning(std::string_view message,
                          const std::map<std::string, std::string>& expected) const {
    const auto found = lines(message);
    ASSERT_EQ(found.size(), 1u) << message;
    EXPECT_EQ(found[0].level, LogLevel::kWarning);
    const auto fields = fields_of(found[0]);
    for (const auto& [key, value] : expected) EXPECT_EQ(fields.at(key), value) << key;
  }
  // user0's session, then `second`'s attempt, under `config`.
  void first_then(ServerConfig config, ClientConfig second) {
    make_world(std::move(config));
    connect(sim::fixture_client_config(0));
    run_for(seconds(5));
    connect(std::move(second));
    run_for(seconds(5));
  }
  std::vector<LogLine> lines(std::string_view message) const {
    std::vector<LogLine> out;
    for (const auto& line : world->server_log()) {
      if (line.message == message) out.push_back(line);
    }
    return out;
  }

  ppp::ChapSecrets secrets = sim::fixture_secrets();
  std::unique_ptr<sim::EndpointWorld> world;
};

TEST_F(ServerSessionLog, OneLinePerEventWithItsFields) {
  make_world();
  const std::size_t c = connect(sim::fixture_client_config(0));
  run_for(seconds(5));
  ASSERT_TRUE(world->client(c).up());
  const std::uint32_t address = world->record(c).addresses->local;
  for (std::uint32_t n = 0; n < 5; ++n) {
    world->client_send(c, sim::make_packet(address, sim::kInsideHost, 1, n, 100));
    world->server_send(sim::make_packet(sim::kInsideHost, address, 2, n, 200));
  }
  run_for(seconds(1));
  world->client_shutdown(c);
  run_for(seconds(5));

  const auto requested = lines("call requested");
  ASSERT_EQ(requested.size(), 1u);
  const auto up_event =
      std::get<SessionUp>(*std::find_if(world->server_events().begin(), world->server_events().end(),
                                        [](const Event& e) { return std::holds_alternative<SessionUp>(e); }));
  EXPECT_EQ(fields_of(requested[0]),
            (std::map<std::string, std::string>{{"peer", "192.0.2.2"},
                                                {"call_id", std::to_string(up_event.call_id)},
                                                {"peer_call_id", std::to_string(up_event.peer_call_id)}}));

  const auto auth = lines("authenticated");
  ASSERT_EQ(auth.size(), 1u);
  EXPECT_EQ(fields_of(auth[0]),
            (std::map<std::string, std::string>{{"session", up_event.session},
                                                {"user", "user0"},
                                                {"method", "MS-CHAPv2"},
                                                {"peer", "192.0.2.2"},
                                                {"call_id", std::to_string(up_event.call_id)}}));

  const auto up = lines("session up");
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].level, LogLevel::kInfo);
  const auto u = fields_of(up[0]);
  EXPECT_EQ(u.at("session"), up_event.session);
  EXPECT_EQ(u.at("user"), "user0");
  EXPECT_EQ(u.at("address"), ipv4_text(address));
  EXPECT_EQ(u.at("server_end"), "198.18.0.1");
  EXPECT_EQ(u.at("peer"), "192.0.2.2");
  EXPECT_EQ(u.at("peer_call_id"), std::to_string(up_event.peer_call_id));
  EXPECT_EQ(u.at("auth"), "MS-CHAPv2");
  EXPECT_EQ(u.at("mppe"), "128-bit stateless");
  EXPECT_EQ(u.at("mtu"), "1396");
  EXPECT_EQ(u.at("dns1"), "198.18.0.1");

  const auto down = lines("session down");
  ASSERT_EQ(down.size(), 1u);
  const auto d = fields_of(down[0]);
  EXPECT_EQ(d.at("session"), up_event.session);
  EXPECT_EQ(d.at("address"), ipv4_text(address));
  EXPECT_EQ(d.at("call_id"), std::to_string(up_event.call_id));
  EXPECT_EQ(d.at("packets_in"), "5");
  EXPECT_EQ(d.at("bytes_in"), std::to_string(5 * (20 + 100)));
  EXPECT_EQ(d.at("packets_out"), "5");
  EXPECT_EQ(d.at("bytes_out"), std::to_string(5 * (20 + 200)));
  // The client's link closed first (its Terminate-Request, whose text names
  // the cause), then its call.
  EXPECT_EQ(d.at("reason"), "LCP terminated by peer (User request)");
  EXPECT_GT(std::stod(d.at("duration")), 0.9);
  // The event carries the same counters, for the ip-down hook.
  for (const auto& e : world->server_events()) {
    if (const auto* gone = std::get_if<SessionDown>(&e)) {
      EXPECT_TRUE(gone->was_up);
      EXPECT_EQ(gone->traffic.bytes_in, 5u * 120);
      EXPECT_EQ(gone->peer_call_id, up_event.peer_call_id);
    }
  }
}

TEST_F(ServerSessionLog, WrongPasswordAndUnknownUserAreAuthFailuresThenRefusals) {
  make_world();
  ClientConfig wrong = sim::fixture_client_config(0);
  wrong.link.password = "not-secret0";
  connect(wrong);
  ClientConfig stranger = sim::fixture_client_config(1);
  stranger.link.user = "mallory";
  connect(stranger);
  run_for(seconds(10));
  const auto failed = lines("authentication failed");
  ASSERT_EQ(failed.size(), 2u);
  std::vector<std::string> reasons;
  for (const auto& line : failed) {
    EXPECT_EQ(line.level, LogLevel::kWarning);
    reasons.push_back(fields_of(line).at("user") + ": " + fields_of(line).at("reason"));
    EXPECT_EQ(fields_of(line).at("method"), "MS-CHAPv2");
  }
  std::sort(reasons.begin(), reasons.end());
  EXPECT_EQ(reasons, (std::vector<std::string>{"mallory: unknown user", "user0: wrong password"}));
  const auto refused = lines("session refused");
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(fields_of(refused[0]).at("reason"), "Authentication failed");
  EXPECT_FALSE(fields_of(refused[0]).at("user").empty());
  EXPECT_TRUE(lines("session up").empty());
  EXPECT_TRUE(lines("session down").empty());
}

TEST_F(ServerSessionLog, RefusalsNameTheirReason) {
  ServerConfig config = sim::fixture_server_config();
  config.pool.ranges = {{0xC6120002, 0xC6120002}};  // one address
  make_world(config);
  ClientConfig no_mppe = sim::fixture_client_config(2);
  no_mppe.link.ccp.policy = ppp::MppePolicy::kRefused;
  connect(no_mppe);
  run_for(seconds(5));
  connect(sim::fixture_client_config(0));
  run_for(seconds(5));
  connect(sim::fixture_client_config(1));  // no address left
  run_for(seconds(5));
  std::vector<std::string> reasons;
  for (const auto& line : lines("session refused")) reasons.push_back(fields_of(line).at("reason"));
  EXPECT_EQ(reasons, (std::vector<std::string>{"MPPE required but peer refused", "address pool exhausted"}));
  EXPECT_EQ(lines("session up").size(), 1u);
}

TEST_F(ServerSessionLog, ACallBeyondTheSessionLimitIsRefusedWithTheReason) {
  ServerConfig config = sim::fixture_server_config();
  config.limits.max_sessions = 1;
  first_then(config, sim::fixture_client_config(1));
  expect_one_warning("call refused", {{"reason", "session limit reached"}, {"peer", "192.0.2.3"}});
  EXPECT_EQ(lines("call requested").size(), 2u);
}

TEST_F(ServerSessionLog, ASecondSessionOfAUserIsRefused) {
  ServerConfig config = sim::fixture_server_config();
  config.limits.max_sessions_per_user = 1;
  first_then(config, sim::fixture_client_config(10));  // user0 again, from another address
  expect_one_warning("session refused", {{"user", "user0"}, {"reason", "too many sessions for this user"}});
  EXPECT_EQ(lines("session up").size(), 1u);
}

}  // namespace
}  // namespace pptpkit::endpoint
