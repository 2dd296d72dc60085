// Call state machines (RFC 2637 section 3.2), both roles and directions.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "pptp_harness.h"

namespace pptpkit::pptp::testing {
namespace {

// An established back-to-back pair with one call placed by `caller`.
struct CallFixture : BackToBack {
  explicit CallFixture(bool pns_calls = true) {
    open();
    Side& caller = pns_calls ? pns : pac;
    Side& callee = pns_calls ? pac : pns;
    auto id = caller.conn.place_call(now, {.phone_number = "5551234"});
    EXPECT_TRUE(id);
    caller_id = id ? *id : 0;
    pump();
    auto requested = callee.last<CallRequested>();
    EXPECT_TRUE(requested);
    if (requested) {
      callee_id = requested->call_id;
      request = *requested;
    }
  }
  void answer(Side& callee, bool accept = true) {
    ASSERT_TRUE(callee.conn.answer_call(now, callee_id, {.accept = accept}));
    pump();
  }
  std::uint16_t caller_id = 0;
  std::uint16_t callee_id = 0;
  CallRequested request;
};

TEST(PptpCall, OutgoingCallConnectsWithBothIdsAndWindows) {
  CallFixture f;
  EXPECT_EQ(f.request.direction, CallDirection::kOutgoing);
  EXPECT_EQ(f.request.peer_call_id, f.caller_id);
  EXPECT_EQ(f.request.phone_number, "5551234");
  EXPECT_EQ(f.request.call_serial_number, 1);
  f.answer(f.pac);
  auto pac_call = f.pac.last<CallConnected>();
  auto pns_call = f.pns.last<CallConnected>();
  ASSERT_TRUE(pac_call && pns_call);
  EXPECT_EQ(pac_call->call_id, f.callee_id);
  EXPECT_EQ(pac_call->peer_call_id, f.caller_id);
  EXPECT_EQ(pns_call->call_id, f.caller_id);
  EXPECT_EQ(pns_call->peer_call_id, f.callee_id);
  EXPECT_EQ(pns_call->peer_receive_window, 64);
  EXPECT_EQ(pac_call->peer_receive_window, 64);
  EXPECT_EQ(pns_call->connect_speed, 100'000'000u);
  EXPECT_EQ(f.pac.conn.find_call(f.callee_id)->state, CallState::kEstablished);
}

TEST(PptpCall, IncomingCallConnectsAfterIncomingCallConnected) {
  CallFixture f(false);
  EXPECT_EQ(f.request.direction, CallDirection::kIncoming);
  EXPECT_EQ(f.request.phone_number, "5551234");
  f.answer(f.pns);
  auto pac_call = f.pac.last<CallConnected>();
  auto pns_call = f.pns.last<CallConnected>();
  ASSERT_TRUE(pac_call && pns_call);
  EXPECT_EQ(pac_call->peer_call_id, f.callee_id);
  EXPECT_EQ(pns_call->peer_call_id, f.caller_id);
  EXPECT_EQ(pns_call->framing_type, wire::FramingType::kAsync);
}

TEST(PptpCall, PnsClearsWithClearRequestAndPacNotifies) {
  CallFixture f;
  f.answer(f.pac);
  ASSERT_TRUE(f.pns.conn.clear_call(f.now, f.caller_id));
  EXPECT_EQ(f.pns.conn.find_call(f.caller_id)->state, CallState::kWaitDisconnect);
  EXPECT_FALSE(f.pns.conn.clear_call(f.now, f.caller_id));
  f.pump();
  EXPECT_EQ(f.pac.last<CallCleared>()->cause, CallClearCause::kPeerClearRequest);
  auto cleared = f.pns.last<CallCleared>();
  EXPECT_EQ(cleared->cause, CallClearCause::kPeerDisconnect);
  EXPECT_EQ(cleared->result_code, static_cast<std::uint8_t>(wire::DisconnectResult::kRequest));
  EXPECT_EQ(f.pac.conn.call_count() + f.pns.conn.call_count(), 0u);
  EXPECT_EQ(f.pac.allocator.in_use() + f.pns.allocator.in_use(), 0u);
}

TEST(PptpCall, PacClearsWithDisconnectNotify) {
  CallFixture f(false);
  f.answer(f.pns);
  ASSERT_TRUE(f.pac.conn.clear_call(f.now, f.caller_id));
  f.pump();
  EXPECT_EQ(f.pac.last<CallCleared>()->cause, CallClearCause::kLocalClear);
  auto cleared = f.pns.last<CallCleared>();
  EXPECT_EQ(cleared->cause, CallClearCause::kPeerDisconnect);
  EXPECT_EQ(cleared->result_code, static_cast<std::uint8_t>(wire::DisconnectResult::kAdminShutdown));
}

TEST(PptpCall, DeclinedOutgoingCallIsDoNotAccept) {
  CallFixture f;
  f.answer(f.pac, false);
  EXPECT_EQ(f.pac.last<CallCleared>()->cause, CallClearCause::kNotAnswered);
  auto cleared = f.pns.last<CallCleared>();
  EXPECT_EQ(cleared->cause, CallClearCause::kPeerRefused);
  EXPECT_EQ(cleared->result_code, static_cast<std::uint8_t>(wire::OutgoingCallResult::kDoNotAccept));
  // The caller's log says what the peer answered.
  const auto lines = f.pns.all<LogLine>();
  EXPECT_TRUE(std::ranges::any_of(lines, [&](const LogLine& line) {
    return line.level == LogLevel::kWarning &&
           line.message.find(fmt::format(
               "call {} refused by the peer: result 7 (Do Not Accept), error 0 (None)", f.caller_id)) !=
               std::string::npos;
  }));
}

TEST(PptpCall, DeclinedIncomingCallIsDoNotAccept) {
  CallFixture f(false);
  ASSERT_TRUE(f.pns.conn.clear_call(f.now, f.callee_id));  // clearing an unanswered call declines it
  f.pump();
  auto cleared = f.pac.last<CallCleared>();
  EXPECT_EQ(cleared->cause, CallClearCause::kPeerRefused);
  EXPECT_EQ(cleared->result_code, static_cast<std::uint8_t>(wire::IncomingCallResult::kDoNotAccept));
}

TEST(PptpCall, UnansweredOutgoingCallTimesOut) {
  CallFixture f;
  f.advance(30s);
  EXPECT_EQ(f.pac.last<CallCleared>()->cause, CallClearCause::kNotAnswered);
  EXPECT_EQ(f.pns.last<CallCleared>()->result_code,
            static_cast<std::uint8_t>(wire::OutgoingCallResult::kTimeout));
  EXPECT_FALSE(f.pac.conn.answer_call(f.now, f.callee_id, {}));
}

TEST(PptpCall, UnansweredIncomingCallTimesOut) {
  CallFixture f(false);
  f.advance(30s);
  auto cleared = f.pac.last<CallCleared>();
  EXPECT_EQ(cleared->result_code, static_cast<std::uint8_t>(wire::IncomingCallResult::kGeneralError));
  EXPECT_EQ(cleared->error_code, wire::GeneralError::kNoResource);
}

TEST(PptpCall, PeerThatNeverRepliesToOutgoingCallRequest) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  auto id = s.conn().place_call(s.now, {});
  ASSERT_TRUE(id);
  auto request = s.sent_one<wire::OutgoingCallRequest>();
  EXPECT_EQ(request.call_id, *id);
  s.advance(59s);
  EXPECT_TRUE(s.sent().empty());
  s.advance(1s);
  EXPECT_EQ(s.sent_of<wire::CallClearRequest>().at(0).call_id, *id);
  EXPECT_EQ(s.last<CallCleared>()->cause, CallClearCause::kReplyTimeout);
  EXPECT_EQ(s.side().allocator.in_use(), 0u);
}

TEST(PptpCall, PeerThatNeverConnectsAnIncomingCall) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  s.feed(wire::IncomingCallRequest{.call_id = 77});
  auto id = s.last<CallRequested>()->call_id;
  ASSERT_TRUE(s.conn().answer_call(s.now, id, {}));
  EXPECT_EQ(s.sent_one<wire::IncomingCallReply>().peer_call_id, 77);
  s.advance(59s);
  EXPECT_TRUE(s.sent().empty());
  s.advance(1s);
  EXPECT_EQ(s.sent_of<wire::CallClearRequest>().at(0).call_id, id);
  EXPECT_EQ(s.last<CallCleared>()->cause, CallClearCause::kReplyTimeout);
}

TEST(PptpCall, PeerThatNeverRepliesToIncomingCallRequest) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  auto id = s.conn().place_call(s.now, {.phone_number = "1", .dialing_number = "2"});
  ASSERT_TRUE(id);
  auto request = s.sent_one<wire::IncomingCallRequest>();
  EXPECT_EQ(request.dialed_number, "1");
  EXPECT_EQ(request.dialing_number_length, 1);
  s.advance(59s);
  EXPECT_TRUE(s.sent().empty());
  s.advance(1s);
  EXPECT_EQ(s.sent_of<wire::CallDisconnectNotify>().at(0).call_id, *id);
}

TEST(PptpCall, PeerThatNeverSendsTheDisconnectNotify) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  auto id = *s.conn().place_call(s.now, {});
  (void)s.sent();
  s.feed(wire::OutgoingCallReply{
      .call_id = 9, .peer_call_id = id, .result_code = wire::OutgoingCallResult::kConnected});
  ASSERT_TRUE(s.conn().clear_call(s.now, id));
  (void)s.sent_one<wire::CallClearRequest>();
  s.advance(59s);
  EXPECT_TRUE(s.sent().empty());
  s.advance(1s);
  EXPECT_TRUE(s.sent_of<wire::CallClearRequest>().empty());
  EXPECT_EQ(s.last<CallCleared>()->cause, CallClearCause::kReplyTimeout);
}

TEST(PptpCall, ReplyResultZeroIsSuccess) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  auto id = *s.conn().place_call(s.now, {});
  s.feed(wire::OutgoingCallReply{.call_id = 9, .peer_call_id = id, .packet_recv_window_size = 16});
  auto connected = s.last<CallConnected>();
  ASSERT_TRUE(connected);
  EXPECT_EQ(connected->peer_call_id, 9);
  EXPECT_EQ(connected->peer_receive_window, 16);
}

TEST(PptpCall, RefusingReplyClearsWithTheirCodes) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  auto id = *s.conn().place_call(s.now, {});
  s.feed(wire::OutgoingCallReply{.peer_call_id = id,
                                 .result_code = wire::OutgoingCallResult::kBusy,
                                 .error_code = wire::GeneralError::kNone,
                                 .cause_code = 17});
  auto cleared = s.last<CallCleared>();
  EXPECT_EQ(cleared->cause, CallClearCause::kPeerRefused);
  EXPECT_EQ(cleared->result_code, 4);
  EXPECT_EQ(cleared->cause_code, 17);
}

TEST(PptpCall, DisconnectNotifyCarriesStatistics) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  auto id = *s.conn().place_call(s.now, {});
  s.feed(wire::OutgoingCallReply{
      .call_id = 9, .peer_call_id = id, .result_code = wire::OutgoingCallResult::kConnected});
  s.feed(wire::CallDisconnectNotify{
      .call_id = 9, .result_code = wire::DisconnectResult::kLostCarrier, .call_statistics = "rx 10 tx 20"});
  auto cleared = s.last<CallCleared>();
  EXPECT_EQ(cleared->cause, CallClearCause::kPeerDisconnect);
  EXPECT_EQ(cleared->call_statistics, "rx 10 tx 20");
}

TEST(PptpCall, PptpdClosingTcpOnClearRequestClearsGracefully) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  auto id = *s.conn().place_call(s.now, {});
  s.feed(wire::OutgoingCallReply{
      .call_id = 9, .peer_call_id = id, .result_code = wire::OutgoingCallResult::kConnected});
  ASSERT_TRUE(s.conn().clear_call(s.now, id));
  s.conn().on_tcp_closed(s.now);
  EXPECT_EQ(s.last<CallCleared>()->cause, CallClearCause::kTunnelDown);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kPeerClosed);
  for (const auto& line : s.all<LogLine>()) EXPECT_NE(line.level, LogLevel::kError) << line.message;
}

TEST(PptpCall, ClearRequestForAnUnknownCallGetsBadCallId) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  s.feed(wire::CallClearRequest{.call_id = 1234});
  auto cdn = s.sent_one<wire::CallDisconnectNotify>();
  EXPECT_EQ(cdn.result_code, wire::DisconnectResult::kGeneralError);
  EXPECT_EQ(cdn.error_code, wire::GeneralError::kBadCallId);
  EXPECT_EQ(s.conn().state(), ConnectionState::kEstablished);
}

TEST(PptpCall, TunnelCallLimitRefusesWithNoResource) {
  Scripted s(Role::kPac);  // max_calls = 4
  s.establish_as_responder();
  for (std::uint16_t i = 1; i <= 5; ++i) s.feed(wire::OutgoingCallRequest{.call_id = i});
  EXPECT_EQ(s.all<CallRequested>().size(), 4u);
  auto reply = s.sent_one<wire::OutgoingCallReply>();
  EXPECT_EQ(reply.peer_call_id, 5);
  EXPECT_EQ(reply.result_code, wire::OutgoingCallResult::kGeneralError);
  EXPECT_EQ(reply.error_code, wire::GeneralError::kNoResource);
  EXPECT_EQ(s.conn().place_call(s.now, {}).error(), CommandError::kTunnelCallLimit);
}

TEST(PptpCall, ServerCallLimitRefusesWithNoResource) {
  Scripted s(Role::kPns, Origin::kResponder, config_for(Role::kPns), {.max_calls = 1});
  s.establish_as_responder();
  s.feed(wire::IncomingCallRequest{.call_id = 1});
  s.feed(wire::IncomingCallRequest{.call_id = 2});
  auto reply = s.sent_one<wire::IncomingCallReply>();
  EXPECT_EQ(reply.peer_call_id, 2);
  EXPECT_EQ(reply.error_code, wire::GeneralError::kNoResource);
  EXPECT_EQ(s.conn().place_call(s.now, {}).error(), CommandError::kServerCallLimit);
}

TEST(PptpCall, PnsHonoursThePacsMaximumChannels) {
  Scripted s(Role::kPns, Origin::kOriginator);
  ASSERT_TRUE(s.conn().start(s.now));
  s.feed(
      wire::StartControlConnectionReply{.result_code = wire::StartResult::kSuccess, .maximum_channels = 1});
  ASSERT_TRUE(s.conn().place_call(s.now, {}));
  EXPECT_EQ(s.conn().place_call(s.now, {}).error(), CommandError::kPeerChannelLimit);
}

TEST(PptpCall, CallSerialNumbersCount) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  (void)s.conn().place_call(s.now, {});
  (void)s.conn().place_call(s.now, {});
  auto sent = s.sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(std::get<wire::OutgoingCallRequest>(sent[0]).call_serial_number, 1);
  EXPECT_EQ(std::get<wire::OutgoingCallRequest>(sent[1]).call_serial_number, 2);
}

TEST(PptpCall, SetLinkInfoReachesThePac) {
  CallFixture f;
  f.answer(f.pac);
  ASSERT_TRUE(f.pns.conn.set_link_info(f.now, f.caller_id, 0xFFFFFFFF, 0));
  f.pump();
  auto info = f.pac.last<LinkInfoChanged>();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->call_id, f.callee_id);
  EXPECT_EQ(info->send_accm, 0xFFFFFFFFu);
  EXPECT_EQ(f.pac.conn.set_link_info(f.now, f.callee_id, 0, 0).error(), CommandError::kWrongRole);
  EXPECT_EQ(f.pns.conn.set_link_info(f.now, 999, 0, 0).error(), CommandError::kUnknownCall);
}

TEST(PptpCall, WanErrorNotifyIsReported) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  auto id = *s.conn().place_call(s.now, {});
  (void)s.sent();
  s.feed(wire::OutgoingCallReply{
      .call_id = 9, .peer_call_id = id, .result_code = wire::OutgoingCallResult::kConnected});
  s.feed(wire::WanErrorNotify{.peer_call_id = id, .crc_errors = 3});
  auto wan = s.last<WanErrorReported>();
  ASSERT_TRUE(wan);
  EXPECT_EQ(wan->call_id, id);
  EXPECT_EQ(wan->counters.crc_errors, 3u);
  s.feed(wire::WanErrorNotify{.peer_call_id = 4321});  // unknown: logged, ignored
  EXPECT_EQ(s.all<WanErrorReported>().size(), 1u);
  EXPECT_TRUE(s.sent().empty());
}

TEST(PptpCall, AMessageForTheOtherRoleIsStopped) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  s.feed(wire::OutgoingCallReply{.peer_call_id = 1});
  (void)s.sent_one<wire::StopControlConnectionRequest>();
}

TEST(PptpCall, CallMessagesBeforeTheTunnelIsUpClose) {
  Scripted s(Role::kPac);
  s.feed(wire::OutgoingCallRequest{.call_id = 1});
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kProtocolError);
  EXPECT_TRUE(s.all<CallRequested>().empty());
}

TEST(PptpCall, LateRepliesForUnknownCallsAreIgnored) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  s.feed(wire::OutgoingCallReply{.call_id = 9, .peer_call_id = 55});
  s.feed(wire::IncomingCallConnected{.peer_call_id = 55});
  s.feed(wire::CallDisconnectNotify{.call_id = 9});
  EXPECT_TRUE(s.sent().empty());
  EXPECT_EQ(s.conn().state(), ConnectionState::kEstablished);
}

TEST(PptpCall, StopClearsEveryCallFirst) {
  CallFixture f;
  f.answer(f.pac);
  (void)f.pns.conn.place_call(f.now, {});
  f.pump();
  ASSERT_TRUE(f.pac.conn.stop(f.now, wire::StopReason::kStopLocalShutdown));
  EXPECT_EQ(f.pac.all<CallCleared>().size(), 2u);
  f.pump();
  EXPECT_EQ(f.pns.all<CallCleared>().size(), 2u);
  EXPECT_TRUE(f.pac.conn.finished());
  EXPECT_EQ(f.pns.last<TunnelDown>()->reason, TunnelDownReason::kPeerStop);
  EXPECT_EQ(f.pac.allocator.in_use() + f.pns.allocator.in_use(), 0u);
}

TEST(PptpCall, CommandsCheckStateAndCall) {
  Scripted s(Role::kPac);
  EXPECT_EQ(s.conn().place_call(s.now, {}).error(), CommandError::kWrongState);
  s.establish_as_responder();
  EXPECT_EQ(s.conn().answer_call(s.now, 1, {}).error(), CommandError::kUnknownCall);
  EXPECT_EQ(s.conn().clear_call(s.now, 1).error(), CommandError::kUnknownCall);
}

TEST(PptpCall, DestroyingAConnectionQuarantinesItsCallIds) {
  SeededRandom random(1);
  CallIdAllocator allocator(random);
  {
    ControlConnection conn(config_for(Role::kPac), Origin::kResponder, allocator, nullptr, 0s);
    std::vector<std::uint8_t> bytes = Scripted::encode(wire::StartControlConnectionRequest{});
    conn.on_tcp_bytes(0s, bytes);
    bytes = Scripted::encode(wire::OutgoingCallRequest{.call_id = 1});
    conn.on_tcp_bytes(0s, bytes);
    EXPECT_EQ(allocator.in_use(), 1u);
  }
  EXPECT_EQ(allocator.in_use(), 0u);
}

}  // namespace
}  // namespace pptpkit::pptp::testing
