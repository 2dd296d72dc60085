// Pairing PPTP calls with their GRE flows, as nf_conntrack_pptp does.
#include "tools/session_tracker.h"

#include <gtest/gtest.h>

namespace pptpkit::tools {
namespace {

constexpr std::uint32_t kPns = 0xC0000202;
constexpr std::uint32_t kPac = 0xC0000201;

wire::OutgoingCallRequest ocrq(std::uint16_t call_id) {
  wire::OutgoingCallRequest m;
  m.call_id = call_id;
  return m;
}

wire::OutgoingCallReply ocrp(std::uint16_t call_id, std::uint16_t peer,
                             wire::OutgoingCallResult result = wire::OutgoingCallResult::kConnected) {
  wire::OutgoingCallReply m;
  m.call_id = call_id;
  m.peer_call_id = peer;
  m.result_code = result;
  return m;
}

TEST(SessionTracker, OutgoingCallPairsBothGreFlows) {
  SessionTracker t;
  EXPECT_FALSE(t.on_control(kPns, kPac, ocrq(7)));
  EXPECT_EQ(t.on_control(kPac, kPns, ocrp(42, 7)), 0u);
  ASSERT_EQ(t.sessions().size(), 1u);
  EXPECT_EQ(t.sessions()[0].pns_address, kPns);
  EXPECT_EQ(t.sessions()[0].pac_call_id, 42);
  // GRE carries the receiver's Call ID.
  const auto to_pac = t.attribute(kPns, kPac, 42);
  ASSERT_TRUE(to_pac);
  EXPECT_EQ(to_pac->direction, Direction::kPnsToPac);
  const auto to_pns = t.attribute(kPac, kPns, 7);
  ASSERT_TRUE(to_pns);
  EXPECT_EQ(to_pns->direction, Direction::kPacToPns);
  EXPECT_FALSE(t.attribute(kPns, kPac, 7));
  EXPECT_FALSE(t.attribute(kPac, kPns, 42));
}

TEST(SessionTracker, IncomingCallNamesThePacAsRequester) {
  SessionTracker t;
  wire::IncomingCallRequest request;
  request.call_id = 5;
  t.on_control(kPac, kPns, request);
  wire::IncomingCallReply reply;
  reply.call_id = 9;
  reply.peer_call_id = 5;
  reply.result_code = wire::IncomingCallResult::kConnect;
  ASSERT_EQ(t.on_control(kPns, kPac, reply), 0u);
  EXPECT_EQ(t.sessions()[0].pns_address, kPns);
  EXPECT_EQ(t.sessions()[0].pns_call_id, 9);
  EXPECT_EQ(t.sessions()[0].pac_call_id, 5);
  EXPECT_EQ(t.attribute(kPns, kPac, 5)->direction, Direction::kPnsToPac);
}

TEST(SessionTracker, RefusedOrUnrequestedCallsOpenNothing) {
  SessionTracker t;
  t.on_control(kPns, kPac, ocrq(1));
  EXPECT_FALSE(t.on_control(kPac, kPns, ocrp(2, 1, wire::OutgoingCallResult::kBusy)));
  EXPECT_FALSE(t.on_control(kPac, kPns, ocrp(2, 1)));  // the request was answered already
  EXPECT_FALSE(t.on_control(kPac, kPns, ocrp(3, 99)));
  EXPECT_TRUE(t.sessions().empty());
}

TEST(SessionTracker, ALaterCallReusingTheIdsTakesTheFlows) {
  SessionTracker t;
  t.on_control(kPns, kPac, ocrq(1));
  t.on_control(kPac, kPns, ocrp(2, 1));
  t.on_control(kPns, kPac, ocrq(1));
  t.on_control(kPac, kPns, ocrp(2, 1));
  EXPECT_EQ(t.attribute(kPns, kPac, 2)->session, 1u);
}

TEST(SessionTracker, SessionsAndPendingCallsAreBounded) {
  SessionTracker t(2, 3);
  for (std::uint16_t id = 0; id < 10; ++id) t.on_control(kPns, kPac, ocrq(id));
  for (std::uint16_t id = 0; id < 10; ++id) t.on_control(kPac, kPns, ocrp(100 + id, id));
  EXPECT_EQ(t.sessions().size(), 2u);
  EXPECT_EQ(t.sessions_over_limit(), 1u);  // three requests were kept, two became sessions
}

}  // namespace
}  // namespace pptpkit::tools
