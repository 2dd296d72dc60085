// The receiving half of a data channel (RFC 2637 sections 4.2-4.3): delivers
// payloads in sequence order, holds out-of-order ones briefly (bounded by
// count and by time) to fill gaps, and drops duplicates, packets older than
// what was delivered, and packets implausibly far ahead. PPTP never
// retransmits, so a gap that does not fill in time is given up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/time.h"
#include "gre/drop_counters.h"
#include "gre/reorder_buffer.h"

namespace pptpkit::gre {

struct ReceiverConfig {
  std::size_t hold_count = 16;                         // out-of-order packets held at most
  Duration hold_time = std::chrono::milliseconds(50);  // longest a packet waits for a gap
  // Sequence numbers this far or further ahead of the next expected one are
  // out of window (RFC 2637 4.2.4), so a stray or forged packet cannot make
  // every later one look old. A peer that really jumped (an outage longer
  // than this) is followed after two consecutive packets beyond the window.
  std::uint32_t max_jump = 8192;
};

// Receives payloads in order. Implemented by the channel.
class PayloadSink {
 public:
  virtual void deliver(std::uint32_t sequence, Bytes payload) = 0;

 protected:
  ~PayloadSink() = default;
};

class Receiver {
 public:
  explicit Receiver(const ReceiverConfig& config);

  // A packet carrying Sequence Number `sequence`: delivers it and whatever
  // it unblocks, holds it, or returns why it is dropped. Peers start at 0
  // (Windows) or 1 (pptp-linux, the Linux kernel): a first packet numbered 0
  // starts there; one numbered 1..hold_count is taken as a fresh call
  // counting from 1 whose first packets were overtaken, so they are waited
  // for; any other number is a peer met mid-stream and starts there.
  std::optional<DropReason> on_packet(Timestamp now, std::uint32_t sequence, Bytes payload,
                                      PayloadSink& sink);

  // Gives up the gaps whose held packets have waited hold_time.
  void on_timeout(Timestamp now, PayloadSink& sink);

  // When the packet held longest has waited hold_time, or nothing.
  std::optional<Timestamp> deadline() const;

  std::size_t held() const { return held_.size(); }

 private:
  std::optional<DropReason> classify_behind(std::uint32_t sequence) const;
  void deliver(std::uint32_t sequence, Bytes payload, PayloadSink& sink);
  void skip_to(std::uint32_t sequence);
  void drain(PayloadSink& sink);
  void give_up_first_gap(PayloadSink& sink);

  ReceiverConfig config_;
  ReorderBuffer held_;
  bool started_ = false;
  std::uint32_t expected_ = 0;  // next in-order sequence number
  // Bit i set: expected_ - 1 - i was delivered. Tells a duplicate from a
  // packet whose gap was given up (as an IPsec replay window does).
  std::uint64_t delivered_ = 0;
  std::optional<std::uint32_t> jump_candidate_;  // last out-of-window sequence number
};

}  // namespace pptpkit::gre
