// The RFC 1661 4.1 state transition table, cell by cell: every state and
// event pair the RFC defines (cells marked "-", which cannot happen, are
// left out), checking the next state and the observable actions (packets
// sent and this-layer calls; irc and zrc show only through later timeouts).
#include "ppp/fsm.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wire/ppp_control.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

using namespace std::chrono_literals;
using S = FsmState;

class Harness : public FsmHandler, public ControlOutput {
 public:
  explicit Harness(FsmLimits limits) : fsm(wire::kPppLcp, *this, *this, limits) {}

  Fsm fsm;
  bool accept = true;
  std::vector<std::string> actions;
  std::vector<std::uint8_t> last_request;
  std::uint8_t last_request_id = 0;
  Timestamp now{};

  void reset_negotiation() override {}
  void write_request(ByteWriter& w) override {
    w.u8(1);
    w.u8(4);
    w.u16(1400);
  }
  Verdict examine_request(Bytes options, ConfigureReply& reply) override {
    if (!accept) {
      auto option = wire::decode_ppp_option(options);
      if (option) reply.nak(*option, std::vector<std::uint8_t>{0x05, 0x78});
    }
    return Verdict::applied();
  }
  void on_ack() override {}
  Verdict on_nak(Bytes) override { return Verdict::applied(); }
  Verdict on_reject(Bytes) override { return Verdict::applied(); }
  void layer_up(Timestamp) override { actions.push_back("tlu"); }
  void layer_down(Timestamp) override { actions.push_back("tld"); }
  void layer_started(Timestamp) override { actions.push_back("tls"); }
  void layer_finished(Timestamp) override { actions.push_back("tlf"); }
  // Echo-Request stands for RXR: answered in Opened only (RFC 1661 5.8).
  bool on_extra_code(Timestamp t, const wire::PppControlPacket& packet) override {
    if (packet.code != wire::kPppEchoRequest) return false;
    if (fsm.opened()) fsm.send_packet(t, wire::kPppEchoReply, packet.identifier, {});
    return true;
  }

  void send_control(Timestamp, std::uint16_t, Bytes packet) override {
    static const char* const kNames[] = {"?",   "scr", "sca", "scn", "scn-reject", "str", "sta",
                                         "scj", "?",   "?",   "ser", "?",          "?",   "?"};
    actions.push_back(packet[0] < 14 ? kNames[packet[0]] : "?");
    if (packet[0] == wire::kPppConfigureRequest) {
      last_request_id = packet[1];
      last_request.assign(packet.begin() + 4, packet.end());
    }
  }
  std::size_t peer_mru() const override { return 1500; }

  void receive(std::uint8_t code, std::uint8_t id, std::vector<std::uint8_t> data) {
    wire::PppControlPacket p{code, id, static_cast<std::uint16_t>(4 + data.size()), data};
    fsm.on_packet(now, p);
  }
  void timeout() {
    now += 10s;
    fsm.on_timeout(now);
  }
};

enum class Event {
  kUp,
  kDown,
  kOpen,
  kClose,
  kToPlus,
  kToMinus,
  kRcrPlus,
  kRcrMinus,
  kRca,
  kRcn,
  kRtr,
  kRta,
  kRuc,
  kRxjPlus,
  kRxjMinus,
  kRxr
};

void fire(Harness& h, Event e) {
  switch (e) {
    case Event::kUp:
      return h.fsm.up(h.now);
    case Event::kDown:
      return h.fsm.down(h.now);
    case Event::kOpen:
      return h.fsm.admin_open(h.now);
    case Event::kClose:
      return h.fsm.admin_close(h.now, CloseReason::kAdministrative);
    case Event::kToPlus:
    case Event::kToMinus:
      return h.timeout();
    case Event::kRcrPlus:
      h.accept = true;
      return h.receive(wire::kPppConfigureRequest, 0x77, {1, 4, 0x05, 0x78});
    case Event::kRcrMinus:
      h.accept = false;
      return h.receive(wire::kPppConfigureRequest, 0x77, {1, 4, 0x00, 0x10});
    case Event::kRca:
      return h.receive(wire::kPppConfigureAck, h.last_request_id, h.last_request);
    case Event::kRcn:
      return h.receive(wire::kPppConfigureNak, h.last_request_id, {1, 4, 0x05, 0x00});
    case Event::kRtr:
      return h.receive(wire::kPppTerminateRequest, 0x33, {});
    case Event::kRta:
      return h.receive(wire::kPppTerminateAck, 0x33, {});
    case Event::kRuc:
      return h.receive(0x42, 0x01, {});
    case Event::kRxjPlus:  // Code-Reject of an Echo-Request: optional code
      return h.receive(wire::kPppCodeReject, 0x02, {wire::kPppEchoRequest, 0x01, 0x00, 0x08, 0, 0, 0, 0});
    case Event::kRxjMinus:  // Code-Reject of a Configure-Request: the automaton cannot work
      return h.receive(wire::kPppCodeReject, 0x02, {wire::kPppConfigureRequest, 0x01, 0x00, 0x04});
    case Event::kRxr:
      return h.receive(wire::kPppEchoRequest, 0x09, {0, 0, 0, 0});
  }
}

// Drives a fresh automaton into `s`. TO- cells need the restart counter
// spent, TO+ cells a counter left: `counters` sets Max-Configure and
// Max-Terminate.
void reach(Harness& h, S s) {
  const auto go = [&](std::initializer_list<Event> events) {
    for (Event e : events) fire(h, e);
  };
  switch (s) {
    case S::kInitial:
      break;
    case S::kStarting:
      go({Event::kOpen});
      break;
    case S::kClosed:
      go({Event::kUp});
      break;
    case S::kStopped:  // passive option: Req-Sent times out
      go({Event::kOpen, Event::kUp});
      while (h.fsm.state() != S::kStopped) h.timeout();
      break;
    case S::kClosing:
      go({Event::kOpen, Event::kUp, Event::kClose});
      break;
    case S::kStopping:
      go({Event::kOpen, Event::kUp, Event::kRcrPlus, Event::kRca, Event::kRtr});
      break;
    case S::kReqSent:
      go({Event::kOpen, Event::kUp});
      break;
    case S::kAckRcvd:
      go({Event::kOpen, Event::kUp, Event::kRca});
      break;
    case S::kAckSent:
      go({Event::kOpen, Event::kUp, Event::kRcrPlus});
      break;
    case S::kOpened:
      go({Event::kOpen, Event::kUp, Event::kRcrPlus, Event::kRca});
      break;
  }
  ASSERT_EQ(h.fsm.state(), s);
  h.actions.clear();
}

struct Cell {
  S from;
  Event event;
  S to;
  std::string actions;  // comma-separated, in order
};

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& a : v) out += (out.empty() ? "" : ",") + a;
  return out;
}

// RFC 1661 4.1, read column by column.
const Cell kCells[] = {
    // Initial
    {S::kInitial, Event::kUp, S::kClosed, ""},
    {S::kInitial, Event::kOpen, S::kStarting, "tls"},
    {S::kInitial, Event::kClose, S::kInitial, ""},
    // Starting
    {S::kStarting, Event::kUp, S::kReqSent, "scr"},
    {S::kStarting, Event::kOpen, S::kStarting, ""},
    {S::kStarting, Event::kClose, S::kInitial, "tlf"},
    // Closed
    {S::kClosed, Event::kDown, S::kInitial, ""},
    {S::kClosed, Event::kOpen, S::kReqSent, "scr"},
    {S::kClosed, Event::kClose, S::kClosed, ""},
    {S::kClosed, Event::kRcrPlus, S::kClosed, "sta"},
    {S::kClosed, Event::kRcrMinus, S::kClosed, "sta"},
    {S::kClosed, Event::kRca, S::kClosed, "sta"},
    {S::kClosed, Event::kRcn, S::kClosed, "sta"},
    {S::kClosed, Event::kRtr, S::kClosed, "sta"},
    {S::kClosed, Event::kRta, S::kClosed, ""},
    {S::kClosed, Event::kRuc, S::kClosed, "scj"},
    {S::kClosed, Event::kRxjPlus, S::kClosed, ""},
    {S::kClosed, Event::kRxjMinus, S::kClosed, "tlf"},
    {S::kClosed, Event::kRxr, S::kClosed, ""},
    // Stopped
    {S::kStopped, Event::kDown, S::kStarting, "tls"},
    {S::kStopped, Event::kOpen, S::kStopped, ""},
    {S::kStopped, Event::kClose, S::kClosed, ""},
    {S::kStopped, Event::kRcrPlus, S::kAckSent, "scr,sca"},
    {S::kStopped, Event::kRcrMinus, S::kReqSent, "scr,scn"},
    {S::kStopped, Event::kRca, S::kStopped, "sta"},
    {S::kStopped, Event::kRcn, S::kStopped, "sta"},
    {S::kStopped, Event::kRtr, S::kStopped, "sta"},
    {S::kStopped, Event::kRta, S::kStopped, ""},
    {S::kStopped, Event::kRuc, S::kStopped, "scj"},
    {S::kStopped, Event::kRxjPlus, S::kStopped, ""},
    {S::kStopped, Event::kRxjMinus, S::kStopped, "tlf"},
    {S::kStopped, Event::kRxr, S::kStopped, ""},
    // Closing
    {S::kClosing, Event::kDown, S::kInitial, ""},
    {S::kClosing, Event::kOpen, S::kStopping, ""},
    {S::kClosing, Event::kClose, S::kClosing, ""},
    {S::kClosing, Event::kToPlus, S::kClosing, "str"},
    {S::kClosing, Event::kRcrPlus, S::kClosing, ""},
    {S::kClosing, Event::kRcrMinus, S::kClosing, ""},
    {S::kClosing, Event::kRca, S::kClosing, ""},
    {S::kClosing, Event::kRcn, S::kClosing, ""},
    {S::kClosing, Event::kRtr, S::kClosing, "sta"},
    {S::kClosing, Event::kRta, S::kClosed, "tlf"},
    {S::kClosing, Event::kRuc, S::kClosing, "scj"},
    {S::kClosing, Event::kRxjPlus, S::kClosing, ""},
    {S::kClosing, Event::kRxjMinus, S::kClosed, "tlf"},
    {S::kClosing, Event::kRxr, S::kClosing, ""},
    // Stopping
    {S::kStopping, Event::kDown, S::kStarting, ""},
    {S::kStopping, Event::kOpen, S::kStopping, ""},
    {S::kStopping, Event::kClose, S::kClosing, ""},
    {S::kStopping, Event::kRcrPlus, S::kStopping, ""},
    {S::kStopping, Event::kRcrMinus, S::kStopping, ""},
    {S::kStopping, Event::kRca, S::kStopping, ""},
    {S::kStopping, Event::kRcn, S::kStopping, ""},
    {S::kStopping, Event::kRtr, S::kStopping, "sta"},
    {S::kStopping, Event::kRta, S::kStopped, "tlf"},
    {S::kStopping, Event::kRuc, S::kStopping, "scj"},
    {S::kStopping, Event::kRxjPlus, S::kStopping, ""},
    {S::kStopping, Event::kRxjMinus, S::kStopped, "tlf"},
    {S::kStopping, Event::kRxr, S::kStopping, ""},
    // Req-Sent
    {S::kReqSent, Event::kDown, S::kStarting, ""},
    {S::kReqSent, Event::kOpen, S::kReqSent, ""},
    {S::kReqSent, Event::kClose, S::kClosing, "str"},
    {S::kReqSent, Event::kToPlus, S::kReqSent, "scr"},
    {S::kReqSent, Event::kRcrPlus, S::kAckSent, "sca"},
    {S::kReqSent, Event::kRcrMinus, S::kReqSent, "scn"},
    {S::kReqSent, Event::kRca, S::kAckRcvd, ""},
    {S::kReqSent, Event::kRcn, S::kReqSent, "scr"},
    {S::kReqSent, Event::kRtr, S::kReqSent, "sta"},
    {S::kReqSent, Event::kRta, S::kReqSent, ""},
    {S::kReqSent, Event::kRuc, S::kReqSent, "scj"},
    {S::kReqSent, Event::kRxjPlus, S::kReqSent, ""},
    {S::kReqSent, Event::kRxjMinus, S::kStopped, "tlf"},
    {S::kReqSent, Event::kRxr, S::kReqSent, ""},
    // Ack-Rcvd
    {S::kAckRcvd, Event::kDown, S::kStarting, ""},
    {S::kAckRcvd, Event::kOpen, S::kAckRcvd, ""},
    {S::kAckRcvd, Event::kClose, S::kClosing, "str"},
    {S::kAckRcvd, Event::kToPlus, S::kReqSent, "scr"},
    {S::kAckRcvd, Event::kRcrPlus, S::kOpened, "sca,tlu"},
    {S::kAckRcvd, Event::kRcrMinus, S::kAckRcvd, "scn"},
    {S::kAckRcvd, Event::kRca, S::kReqSent, "scr"},
    {S::kAckRcvd, Event::kRcn, S::kReqSent, "scr"},
    {S::kAckRcvd, Event::kRtr, S::kReqSent, "sta"},
    {S::kAckRcvd, Event::kRta, S::kReqSent, ""},
    {S::kAckRcvd, Event::kRuc, S::kAckRcvd, "scj"},
    {S::kAckRcvd, Event::kRxjPlus, S::kAckRcvd, ""},
    {S::kAckRcvd, Event::kRxjMinus, S::kStopped, "tlf"},
    {S::kAckRcvd, Event::kRxr, S::kAckRcvd, ""},
    // Ack-Sent
    {S::kAckSent, Event::kDown, S::kStarting, ""},
    {S::kAckSent, Event::kOpen, S::kAckSent, ""},
    {S::kAckSent, Event::kClose, S::kClosing, "str"},
    {S::kAckSent, Event::kToPlus, S::kAckSent, "scr"},
    {S::kAckSent, Event::kRcrPlus, S::kAckSent, "sca"},
    {S::kAckSent, Event::kRcrMinus, S::kReqSent, "scn"},
    {S::kAckSent, Event::kRca, S::kOpened, "tlu"},
    {S::kAckSent, Event::kRcn, S::kAckSent, "scr"},
    {S::kAckSent, Event::kRtr, S::kReqSent, "sta"},
    {S::kAckSent, Event::kRta, S::kAckSent, ""},
    {S::kAckSent, Event::kRuc, S::kAckSent, "scj"},
    {S::kAckSent, Event::kRxjPlus, S::kAckSent, ""},
    {S::kAckSent, Event::kRxjMinus, S::kStopped, "tlf"},
    {S::kAckSent, Event::kRxr, S::kAckSent, ""},
    // Opened
    {S::kOpened, Event::kDown, S::kStarting, "tld"},
    {S::kOpened, Event::kOpen, S::kOpened, ""},
    {S::kOpened, Event::kClose, S::kClosing, "tld,str"},
    {S::kOpened, Event::kRcrPlus, S::kAckSent, "tld,scr,sca"},
    {S::kOpened, Event::kRcrMinus, S::kReqSent, "tld,scr,scn"},
    {S::kOpened, Event::kRca, S::kReqSent, "tld,scr"},
    {S::kOpened, Event::kRcn, S::kReqSent, "tld,scr"},
    {S::kOpened, Event::kRtr, S::kStopping, "tld,sta"},
    {S::kOpened, Event::kRta, S::kReqSent, "tld,scr"},
    {S::kOpened, Event::kRuc, S::kOpened, "scj"},
    {S::kOpened, Event::kRxjPlus, S::kOpened, ""},
    {S::kOpened, Event::kRxjMinus, S::kStopping, "tld,str"},
    {S::kOpened, Event::kRxr, S::kOpened, "ser"},
};

// TO- cells: the restart counter is spent. Max-Terminate 1 allows one
// Terminate-Request; Max-Configure 0 makes Ack-Rcvd (entered with irc)
// expire at once.
const Cell kExpiryCells[] = {
    {S::kClosing, Event::kToMinus, S::kClosed, "tlf"},  {S::kStopping, Event::kToMinus, S::kStopped, "tlf"},
    {S::kReqSent, Event::kToMinus, S::kStopped, "tlf"}, {S::kAckRcvd, Event::kToMinus, S::kStopped, "tlf"},
    {S::kAckSent, Event::kToMinus, S::kStopped, "tlf"},
};

void check(const Cell& cell, FsmLimits limits) {
  Harness h(limits);
  reach(h, cell.from);
  fire(h, cell.event);
  EXPECT_EQ(h.fsm.state(), cell.to) << to_string(cell.from) << " event " << static_cast<int>(cell.event);
  EXPECT_EQ(joined(h.actions), cell.actions)
      << to_string(cell.from) << " event " << static_cast<int>(cell.event);
}

TEST(PppFsm, EveryDefinedCellOfTheStateTable) {
  for (const Cell& cell : kCells) check(cell, FsmLimits{3s, 2, 10, 5});
}

TEST(PppFsm, TimeoutWithCounterSpent) {
  for (const Cell& cell : kExpiryCells) check(cell, FsmLimits{3s, 1, 0, 5});
}

TEST(PppFsm, MaxConfigureRequestsThenStopped) {
  Harness h(FsmLimits{3s, 2, 4, 5});
  h.fsm.admin_open(h.now);
  h.actions.clear();
  h.fsm.up(h.now);
  while (h.fsm.state() == S::kReqSent) h.timeout();
  EXPECT_EQ(h.fsm.state(), S::kStopped);
  EXPECT_EQ(joined(h.actions), "scr,scr,scr,scr,tlf");
  EXPECT_EQ(h.fsm.close_reason(), CloseReason::kNoResponse);
  EXPECT_FALSE(h.fsm.next_deadline());
}

TEST(PppFsm, MaxTerminateRequestsThenClosed) {
  Harness h(FsmLimits{3s, 3, 10, 5});
  h.fsm.admin_open(h.now);
  h.actions.clear();
  h.fsm.up(h.now);
  h.fsm.admin_close(h.now, CloseReason::kAdministrative);
  while (h.fsm.state() == S::kClosing) h.timeout();
  EXPECT_EQ(joined(h.actions), "scr,str,str,str,tlf");
}

TEST(PppFsm, MaxFailureTurnsNaksIntoRejects) {
  Harness h(FsmLimits{3s, 2, 10, 2});
  reach(h, S::kReqSent);
  for (int i = 0; i < 3; ++i) fire(h, Event::kRcrMinus);
  // Two Naks, then the naked option is rejected (RFC 1661 4.6).
  EXPECT_EQ(joined(h.actions), "scn,scn,scn-reject");
}

TEST(PppFsm, AnswersWithAnotherIdentifierAreIgnored) {
  Harness h(FsmLimits{});
  reach(h, S::kReqSent);
  h.receive(wire::kPppConfigureAck, static_cast<std::uint8_t>(h.last_request_id + 1), h.last_request);
  EXPECT_EQ(h.fsm.state(), S::kReqSent);
  // RFC 1661 5.2: an Ack must carry exactly the options sent.
  h.receive(wire::kPppConfigureAck, h.last_request_id, {1, 4, 0x05, 0x79});
  EXPECT_EQ(h.fsm.state(), S::kReqSent);
}

}  // namespace
}  // namespace pptpkit::ppp
