// When the receiving side acknowledges (RFC 2637 sections 4.2 and 4.3).
// Every data packet we send piggybacks the latest acknowledgment; when we
// have nothing to send, an acknowledgment-only packet (S clear, A set) goes
// out once the delay expires, or at once when half our receive window is
// unacknowledged, so a peer running the RFC's window never waits on us. The
// Linux kernel never sends a stand-alone ack, which stalls RFC-conformant
// senders; this timer is what it lacks.
#pragma once

#include <cstdint>
#include <optional>

#include "base/time.h"

namespace pptpkit::gre {

class AckTimer {
 public:
  // `immediate_after`: unacknowledged deliveries that trigger an ack without
  // waiting (at least 1).
  AckTimer(Duration delay, std::uint32_t immediate_after);

  // A packet with this sequence number was accepted: delivered or held.
  void on_received(Timestamp now, std::uint32_t sequence);

  // The acknowledgment number to put in any packet we send: the highest
  // sequence number accepted, or nothing before the first. Held packets
  // count: PPTP never retransmits, so the ack only meters the peer's window,
  // and a gap must not stall it (RFC 2637 4.3: the receiver acknowledges the
  // later packet and takes the missing one as lost).
  std::optional<std::uint32_t> ack_number() const { return ack_number_; }

  // A packet carrying ack_number() went out.
  void on_ack_sent();

  // An acknowledgment-only packet is owed now.
  bool due(Timestamp now) const { return pending_ && due_ <= now; }
  std::optional<Timestamp> deadline() const;

 private:
  Duration delay_;
  std::uint32_t immediate_after_;
  std::optional<std::uint32_t> ack_number_;
  bool pending_ = false;
  Timestamp due_{0};
  std::uint32_t unacknowledged_ = 0;
};

}  // namespace pptpkit::gre
