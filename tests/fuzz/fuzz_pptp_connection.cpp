// A PAC and a PNS control connection joined by an in-memory TCP stream, driven
// by arbitrary operations: the peers' own bytes, injected byte chunks
// (garbage mid-session, any chunking), time advances, owner commands and TCP
// closes. Checks that nothing crashes and the invariants hold: output stays
// bounded, calls stay within the limits and match the allocator, and after
// on_timeout(now) no deadline is left at or before now.
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include "base/random.h"
#include "pptp/control_connection.h"
#include "wire/pptp_messages.h"

using namespace pptpkit;
using namespace std::chrono_literals;

namespace {

// Every call's clearing message plus a stop fits in what one input can add.
constexpr std::size_t kOutputBound =
    pptp::ControlConnection::kMaxTcpOut + 64 * wire::kPptpMaxMessageSize + wire::kPptpMaxMessageSize;

struct Side {
  Side(pptp::Role role, pptp::Origin origin, std::uint64_t seed)
      : random(seed),
        allocator(random, {.max_calls = 6, .quarantine = 5s}),
        conn(config(role), origin, allocator, nullptr, 0s) {}

  static pptp::ConnectionConfig config(pptp::Role role) {
    pptp::ConnectionConfig c;
    c.role = role;
    c.local_address = role == pptp::Role::kPac ? 0xC0000201 : 0xC6336402;
    c.peer_address = role == pptp::Role::kPac ? 0xC6336402 : 0xC0000201;
    c.max_calls = 4;
    return c;
  }

  void drain_events() {
    while (auto e = conn.poll_event()) {
      if (const auto* r = std::get_if<pptp::CallRequested>(&*e)) call_ids.push_back(r->call_id);
      if (const auto* c = std::get_if<pptp::CallConnected>(&*e)) call_ids.push_back(c->call_id);
    }
  }

  void take_output() {
    auto bytes = conn.poll_tcp_out();
    if (bytes.size() > kOutputBound) std::abort();
    pending.insert(pending.end(), bytes.begin(), bytes.end());
  }

  void check(Timestamp now, bool after_timeout) {
    drain_events();
    if (conn.call_count() > conn.config().max_calls) std::abort();
    if (allocator.in_use() != conn.call_count()) std::abort();
    const auto deadline = conn.next_deadline();
    if (conn.finished() && (deadline || conn.call_count() != 0)) std::abort();
    if (after_timeout && deadline && *deadline <= now) std::abort();
    take_output();
  }

  std::uint16_t some_call(std::uint8_t pick) const {
    return call_ids.empty() ? pick : call_ids[pick % call_ids.size()];
  }

  void command(Timestamp now, std::uint8_t op, std::uint8_t arg) {
    switch (op % 6) {
      case 0:
        (void)conn.start(now);
        break;
      case 1:
        (void)conn.place_call(now, {.phone_number = "5551234"});
        break;
      case 2:
        (void)conn.answer_call(now, some_call(arg), {.accept = (arg & 0x80) == 0});
        break;
      case 3:
        (void)conn.clear_call(now, some_call(arg));
        break;
      case 4:
        (void)conn.set_link_info(now, some_call(arg), 0xFFFFFFFF, arg);
        break;
      default:
        (void)conn.stop(now, static_cast<wire::StopReason>(arg % 4));
        break;
    }
  }

  SeededRandom random;
  pptp::CallIdAllocator allocator;
  pptp::ControlConnection conn;
  std::vector<std::uint16_t> call_ids;
  std::vector<std::uint8_t> pending;  // written by this side, not yet delivered
};

// Delivers what `from` wrote to `to`, in chunks of `chunk` octets (0: all).
void deliver(Timestamp now, Side& from, Side& to, std::size_t chunk) {
  from.take_output();
  Bytes rest(from.pending);
  if (chunk == 0) chunk = rest.size();
  while (!rest.empty()) {
    const std::size_t n = std::min(chunk, rest.size());
    to.conn.on_tcp_bytes(now, rest.first(n));
    rest = rest.subspan(n);
  }
  from.pending.clear();
}

}  // namespace

// Input: a sequence of operations, each an opcode octet and its arguments.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Side pac(pptp::Role::kPac, pptp::Origin::kResponder, 1);
  Side pns(pptp::Role::kPns, pptp::Origin::kOriginator, 2);
  Timestamp now = 0s;
  ByteReader input(Bytes(data, size));
  while (!input.empty()) {
    const std::uint8_t op = input.u8();
    const std::uint8_t arg = input.u8();
    bool after_timeout = false;
    switch (op % 8) {
      case 0:  // the peers' own traffic, in chunks of arg % 8 octets (0: whole)
        deliver(now, pns, pac, arg % 8u);
        deliver(now, pac, pns, arg % 8u);
        break;
      case 1:
      case 2: {  // arbitrary octets into one side's stream
        Side& to = op % 8 == 1 ? pac : pns;
        to.conn.on_tcp_bytes(now, input.bytes(std::min<std::size_t>(arg, input.remaining())));
        break;
      }
      case 3:  // time passes
        now += std::chrono::milliseconds(std::uint32_t{arg} * 1000u + 1u) * (arg >= 128 ? 30 : 1);
        pac.conn.on_timeout(now);
        pns.conn.on_timeout(now);
        after_timeout = true;
        break;
      case 4:
        pac.command(now, arg, input.u8());
        break;
      case 5:
        pns.command(now, arg, input.u8());
        break;
      case 6:
        (arg & 1 ? pac : pns).conn.on_tcp_closed(now);
        break;
      default:
        (arg & 1 ? pac : pns).conn.abort(now);
        break;
    }
    pac.check(now, after_timeout);
    pns.check(now, after_timeout);
  }
  return 0;
}
