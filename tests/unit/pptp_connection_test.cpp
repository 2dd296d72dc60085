// Control connection state machine (RFC 2637 section 3.1), keep-alive and
// error handling, with a virtual clock.
#include <gtest/gtest.h>

#include "pptp_harness.h"

namespace pptpkit::pptp::testing {
namespace {

using wire::PptpMessage;

class FixedCollisionCheck final : public CollisionCheck {
 public:
  explicit FixedCollisionCheck(bool pending) : pending_(pending) {}
  bool start_request_pending(std::uint32_t) const override { return pending_; }

 private:
  bool pending_;
};

TEST(PptpConnection, PnsOpensToPacAndBothReportTheOther) {
  BackToBack link;
  link.open();
  auto pac_up = link.pac.last<TunnelUp>();
  auto pns_up = link.pns.last<TunnelUp>();
  ASSERT_TRUE(pac_up && pns_up);
  EXPECT_EQ(pac_up->peer.maximum_channels, 0);  // a PNS sends 0 (RFC 2637 section 2.1)
  EXPECT_EQ(pns_up->peer.maximum_channels, 4);  // the PAC's max_calls
  EXPECT_EQ(pns_up->peer.host_name, "pptpkit");
  EXPECT_EQ(pns_up->peer.protocol_version, wire::kPptpProtocolVersion);
}

TEST(PptpConnection, PacCanBeTheOriginator) {
  BackToBack link(0, Origin::kResponder);
  link.open();
  EXPECT_TRUE(link.pac.last<TunnelUp>());
}

TEST(PptpConnection, WorksWithOneOctetTcpChunks) {
  BackToBack link(1);
  link.open();
  auto id = link.pns.conn.place_call(link.now, {});
  ASSERT_TRUE(id);
  link.pump();
  auto requested = link.pac.last<CallRequested>();
  ASSERT_TRUE(requested);
  ASSERT_TRUE(link.pac.conn.answer_call(link.now, requested->call_id, {}));
  link.pump();
  EXPECT_TRUE(link.pns.last<CallConnected>());
  ASSERT_TRUE(link.pns.conn.stop(link.now, wire::StopReason::kNone));
  link.pump();
  EXPECT_TRUE(link.pac.conn.finished());
  EXPECT_TRUE(link.pns.conn.finished());
}

TEST(PptpConnection, StartIsOnlyForAnIdleOriginator) {
  Scripted s(Role::kPac);
  EXPECT_FALSE(s.conn().start(s.now));
  Scripted o(Role::kPns, Origin::kOriginator);
  EXPECT_EQ(o.conn().next_deadline(), std::nullopt);
  EXPECT_TRUE(o.conn().start(o.now));
  EXPECT_FALSE(o.conn().start(o.now));
  auto request = o.sent_one<wire::StartControlConnectionRequest>();
  EXPECT_EQ(request.maximum_channels, 0);
  EXPECT_EQ(o.conn().state(), ConnectionState::kWaitStartReply);
}

TEST(PptpConnection, AnotherVersionGetsResultFiveWithOurVersionAndACloseDown) {
  Scripted s(Role::kPac);
  s.feed(wire::StartControlConnectionRequest{.protocol_version = 0x0200});
  auto reply = s.sent_one<wire::StartControlConnectionReply>();
  EXPECT_EQ(reply.result_code, wire::StartResult::kVersionNotSupported);
  EXPECT_EQ(reply.protocol_version, 0x0100);
  EXPECT_TRUE(s.conn().finished());
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kVersionMismatch);
}

class StartReplyResult : public ::testing::TestWithParam<std::uint8_t> {};

TEST_P(StartReplyResult, ZeroAndOneAreSuccessOthersRefuse) {
  Scripted s(Role::kPns, Origin::kOriginator);
  ASSERT_TRUE(s.conn().start(s.now));
  (void)s.sent();
  s.feed(wire::StartControlConnectionReply{.result_code = static_cast<wire::StartResult>(GetParam())});
  if (GetParam() <= 1) {
    EXPECT_EQ(s.conn().state(), ConnectionState::kEstablished);
  } else {
    EXPECT_TRUE(s.conn().finished());
    EXPECT_EQ(s.last<TunnelDown>()->reason,
              GetParam() == 5 ? TunnelDownReason::kVersionMismatch : TunnelDownReason::kRefused);
  }
}

INSTANTIATE_TEST_SUITE_P(PptpConnection, StartReplyResult, ::testing::Values(0, 1, 2, 3, 4, 5));

TEST(PptpConnection, ReplyWithAnotherVersionIsStoppedWithStopProtocol) {
  Scripted s(Role::kPns, Origin::kOriginator);
  ASSERT_TRUE(s.conn().start(s.now));
  (void)s.sent();
  s.feed(wire::StartControlConnectionReply{.protocol_version = 0x0200,
                                           .result_code = wire::StartResult::kSuccess});
  EXPECT_EQ(s.sent_one<wire::StopControlConnectionRequest>().reason, wire::StopReason::kStopProtocol);
  s.feed(wire::StopControlConnectionReply{.result_code = wire::StopResult::kOk});
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kVersionMismatch);
}

TEST(PptpConnection, NoStartRequestOrReplyInTimeCloses) {
  Scripted responder(Role::kPac);
  EXPECT_EQ(responder.conn().next_deadline(), responder.now + 60s);
  responder.advance(59s);
  EXPECT_FALSE(responder.conn().finished());
  responder.advance(1s);
  EXPECT_EQ(responder.last<TunnelDown>()->reason, TunnelDownReason::kStartTimeout);

  Scripted originator(Role::kPns, Origin::kOriginator);
  ASSERT_TRUE(originator.conn().start(originator.now));
  originator.advance(60s);
  EXPECT_EQ(originator.last<TunnelDown>()->reason, TunnelDownReason::kStartTimeout);
}

TEST(PptpConnection, CollisionWinnerSendsNothingAndWaitsForTheLoserToClose) {
  FixedCollisionCheck pending(true);
  // The PNS (198.51.100.2) has the higher address.
  Scripted s(Role::kPns, Origin::kResponder, config_for(Role::kPns), {}, &pending);
  s.feed(wire::StartControlConnectionRequest{});
  EXPECT_TRUE(s.sent().empty());
  EXPECT_EQ(s.conn().state(), ConnectionState::kCollisionWait);
  s.feed(wire::EchoRequest{.identifier = 1});
  EXPECT_TRUE(s.sent().empty());
  s.conn().on_tcp_closed(s.now);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kCollision);
}

TEST(PptpConnection, CollisionWinnerClosesTheLosersConnectionIfItLingers) {
  FixedCollisionCheck pending(true);
  Scripted s(Role::kPns, Origin::kResponder, config_for(Role::kPns), {}, &pending);
  s.feed(wire::StartControlConnectionRequest{});
  s.advance(60s);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kCollision);
}

TEST(PptpConnection, CollisionLoserAnswersAndTellsTheOwnerToAbortItsOwn) {
  FixedCollisionCheck pending(true);
  Scripted s(Role::kPac, Origin::kResponder, config_for(Role::kPac), {}, &pending);
  s.feed(wire::StartControlConnectionRequest{});
  EXPECT_EQ(s.sent_one<wire::StartControlConnectionReply>().result_code, wire::StartResult::kSuccess);
  EXPECT_EQ(s.all<CollisionLost>().size(), 1u);
  EXPECT_EQ(s.conn().state(), ConnectionState::kEstablished);

  Scripted own(Role::kPac, Origin::kOriginator);
  ASSERT_TRUE(own.conn().start(own.now));
  (void)own.sent();
  EXPECT_TRUE(own.conn().awaiting_start_reply());
  own.conn().abort(own.now);
  EXPECT_TRUE(own.sent().empty());
  EXPECT_EQ(own.last<TunnelDown>()->reason, TunnelDownReason::kAborted);
}

TEST(PptpConnection, NoCollisionWithoutAPendingRequest) {
  FixedCollisionCheck none(false);
  Scripted s(Role::kPns, Origin::kResponder, config_for(Role::kPns), {}, &none);
  s.establish_as_responder();
  EXPECT_TRUE(s.all<CollisionLost>().empty());
}

TEST(PptpConnection, KeepAliveEchoesAfterSilenceAndSurvivesWhenAnswered) {
  BackToBack link;
  link.open();
  link.advance(10min);
  EXPECT_EQ(link.pac.conn.state(), ConnectionState::kEstablished);
  EXPECT_EQ(link.pns.conn.state(), ConnectionState::kEstablished);
}

TEST(PptpConnection, KeepAliveLossTearsDown) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  EXPECT_EQ(s.conn().next_deadline(), s.now + 60s);
  s.advance(60s);
  const auto echo = s.sent_one<wire::EchoRequest>();
  EXPECT_EQ(s.conn().next_deadline(), s.now + 30s);
  s.advance(29s);
  EXPECT_FALSE(s.conn().finished());
  s.advance(1s);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kKeepaliveTimeout);
  (void)echo;
}

TEST(PptpConnection, AnEchoReplyOrAnyMessageKeepsTheTunnel) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  s.advance(60s);
  const auto echo = s.sent_one<wire::EchoRequest>();
  s.advance(10s);
  s.feed(wire::EchoReply{.identifier = echo.identifier, .result_code = wire::EchoResult::kOk});
  s.advance(50s);
  EXPECT_TRUE(s.sent().empty());  // 60 s of silence from the reply on
  s.advance(10s);
  EXPECT_EQ(s.sent().size(), 1u);
  EXPECT_FALSE(s.conn().finished());
}

TEST(PptpConnection, EveryEchoRequestIsAnswered) {
  Scripted s(Role::kPns, Origin::kResponder);
  s.establish_as_responder();
  for (std::uint32_t id : {7u, 7u, 0xFFFFFFFFu}) {
    s.feed(wire::EchoRequest{.identifier = id});
    auto reply = s.sent_one<wire::EchoReply>();
    EXPECT_EQ(reply.identifier, id);
    EXPECT_EQ(reply.result_code, wire::EchoResult::kOk);
  }
}

TEST(PptpConnection, OrderlyStopWaitsForTheReply) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  ASSERT_TRUE(s.conn().stop(s.now, wire::StopReason::kStopLocalShutdown));
  EXPECT_EQ(s.sent_one<wire::StopControlConnectionRequest>().reason, wire::StopReason::kStopLocalShutdown);
  EXPECT_FALSE(s.conn().stop(s.now, wire::StopReason::kNone));
  // Echo-Requests are still answered while waiting.
  s.feed(wire::EchoRequest{.identifier = 3});
  EXPECT_EQ(s.sent_one<wire::EchoReply>().identifier, 3u);
  s.feed(wire::StopControlConnectionReply{.result_code = wire::StopResult::kOk});
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kLocalStop);
}

TEST(PptpConnection, StopWithoutAReplyClosesAfterTheTimeout) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  ASSERT_TRUE(s.conn().stop(s.now, wire::StopReason::kNone));
  s.advance(9s);
  EXPECT_FALSE(s.conn().finished());
  s.advance(1s);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kLocalStop);
}

TEST(PptpConnection, StopBeforeTheTunnelIsUpJustFinishes) {
  Scripted s(Role::kPac);
  ASSERT_TRUE(s.conn().stop(s.now, wire::StopReason::kNone));
  EXPECT_TRUE(s.sent().empty());
  EXPECT_TRUE(s.conn().finished());
  EXPECT_EQ(s.conn().next_deadline(), std::nullopt);
}

TEST(PptpConnection, PeerStopIsAnsweredAndEndsTheTunnel) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  s.feed(wire::StopControlConnectionRequest{.reason = wire::StopReason::kNone});
  EXPECT_EQ(s.sent_one<wire::StopControlConnectionReply>().result_code, wire::StopResult::kOk);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kPeerStop);
}

TEST(PptpConnection, StopsCrossingEachOtherBothEnd) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  ASSERT_TRUE(s.conn().stop(s.now, wire::StopReason::kNone));
  (void)s.sent();
  s.feed(wire::StopControlConnectionRequest{.reason = wire::StopReason::kNone});
  EXPECT_EQ(s.sent_one<wire::StopControlConnectionReply>().result_code, wire::StopResult::kOk);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kLocalStop);
}

TEST(PptpConnection, TcpCloseWithoutStopIsAStop) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  s.conn().on_tcp_closed(s.now);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kPeerClosed);
  s.conn().on_tcp_closed(s.now);  // idempotent
  EXPECT_EQ(s.all<TunnelDown>().size(), 1u);
}

TEST(PptpConnection, TcpCloseWhileWaitingForTheStopReplyIsTheStop) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  ASSERT_TRUE(s.conn().stop(s.now, wire::StopReason::kNone));
  s.conn().on_tcp_closed(s.now);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kLocalStop);
}

TEST(PptpConnection, BadMagicCookieMidSessionCloses) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  auto bytes = Scripted::encode(wire::EchoRequest{.identifier = 1});
  bytes[4] ^= 0xFF;
  s.feed_bytes(bytes);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kProtocolError);
  EXPECT_FALSE(s.all<LogLine>().empty());
}

TEST(PptpConnection, UnknownMessageTypeMidSessionIsStopped) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  auto bytes = Scripted::encode(wire::EchoRequest{.identifier = 1});
  bytes[9] = 16;  // Control Message Type 16
  s.feed_bytes(bytes);
  EXPECT_EQ(s.sent_one<wire::StopControlConnectionRequest>().reason, wire::StopReason::kNone);
  EXPECT_EQ(s.conn().state(), ConnectionState::kWaitStopReply);
  s.feed(wire::StopControlConnectionReply{.result_code = wire::StopResult::kOk});
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kProtocolError);
}

TEST(PptpConnection, MalformedEchoRequestGetsAGeneralErrorReply) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  auto bytes = Scripted::encode(wire::EchoRequest{.identifier = 0x01020304});
  bytes[10] = 1;  // Reserved0
  s.feed_bytes(bytes);
  auto reply = s.sent_one<wire::EchoReply>();
  EXPECT_EQ(reply.identifier, 0x01020304u);
  EXPECT_EQ(reply.result_code, wire::EchoResult::kGeneralError);
  EXPECT_EQ(reply.error_code, wire::GeneralError::kBadValue);
  EXPECT_EQ(s.conn().state(), ConnectionState::kEstablished);
}

TEST(PptpConnection, MalformedStartRequestGetsAGeneralErrorReply) {
  Scripted s(Role::kPac);
  auto bytes = Scripted::encode(wire::StartControlConnectionRequest{});
  bytes[10] = 1;
  s.feed_bytes(bytes);
  auto reply = s.sent_one<wire::StartControlConnectionReply>();
  EXPECT_EQ(reply.result_code, wire::StartResult::kGeneralError);
  EXPECT_EQ(reply.error_code, wire::GeneralError::kBadValue);
  EXPECT_TRUE(s.conn().finished());
}

TEST(PptpConnection, MessagesBeforeTheTunnelIsUpClose) {
  Scripted s(Role::kPac);
  s.feed(wire::EchoRequest{.identifier = 1});
  EXPECT_TRUE(s.sent().empty());
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kProtocolError);
}

TEST(PptpConnection, SecondStartRequestGetsChannelExists) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  s.feed(wire::StartControlConnectionRequest{});
  EXPECT_EQ(s.sent_one<wire::StartControlConnectionReply>().result_code, wire::StartResult::kChannelExists);
  EXPECT_EQ(s.conn().state(), ConnectionState::kEstablished);
}

TEST(PptpConnection, UnsolicitedStartReplyIsStopped) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  s.feed(wire::StartControlConnectionReply{.result_code = wire::StartResult::kSuccess});
  (void)s.sent_one<wire::StopControlConnectionRequest>();
}

TEST(PptpConnection, APeerThatDoesNotReadIsDropped) {
  Scripted s(Role::kPac);
  s.establish_as_responder();
  std::vector<std::uint8_t> flood;
  const auto one = Scripted::encode(wire::EchoRequest{.identifier = 1});
  for (std::size_t i = 0; i <= ControlConnection::kMaxTcpOut / wire::EchoReply::kSize; ++i) {
    flood.insert(flood.end(), one.begin(), one.end());
  }
  s.feed_bytes(flood, 1000);
  EXPECT_EQ(s.last<TunnelDown>()->reason, TunnelDownReason::kOutputOverflow);
  EXPECT_LE(s.conn().poll_tcp_out().size(), ControlConnection::kMaxTcpOut);
}

TEST(PptpConnection, LogLinesNameThePeer) {
  Scripted s(Role::kPac);
  s.feed(wire::EchoRequest{.identifier = 1});
  auto lines = s.all<LogLine>();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().message.find("198.51.100.2"), std::string::npos);
}

}  // namespace
}  // namespace pptpkit::pptp::testing
