// Rebuilds one direction of a TCP connection into its byte stream, the way
// the receiver saw it: in sequence order, each byte once. Pure: it is fed
// decoded segments and returns the bytes that became contiguous.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "base/bytes.h"

namespace pptpkit::tools {

struct TcpSegment {
  std::uint32_t sequence_number = 0;
  std::uint8_t flags = 0;  // wire::kTcpSyn, kTcpFin, kTcpRst ...
  Bytes payload;
};

// What one segment made available.
struct TcpDelivery {
  std::vector<std::uint8_t> data;  // new in-order bytes, possibly empty
  // Bytes given up on because the out-of-order hold limit was reached (the
  // capture lost them); `data` continues after that hole.
  std::uint64_t skipped = 0;
  bool finished = false;   // all bytes up to the FIN have now been delivered
  bool reset = false;      // RST: the direction is closed, held bytes dropped
  bool restarted = false;  // a SYN with a new ISN: a new connection on the same ports
};

class TcpReassembler {
 public:
  // Out-of-order bytes held while waiting for a hole to fill. Captures lose
  // packets, so the wait must end somewhere; 1 MiB is far above any PPTP
  // control connection's traffic.
  static constexpr std::size_t kDefaultMaxHeldBytes = 1 << 20;

  explicit TcpReassembler(std::size_t max_held_bytes = kDefaultMaxHeldBytes) : max_held_(max_held_bytes) {}

  TcpDelivery push(const TcpSegment& segment);

  bool closed() const { return closed_; }
  std::size_t held_bytes() const { return held_bytes_; }
  // Stream offset of the next byte expected (0 = the first byte after SYN).
  std::uint64_t next_offset() const { return next_; }

 private:
  void start(std::uint32_t first_data_sequence);
  // Stream offset of a sequence number near the current position (serial
  // number arithmetic: within 2^31 either side of the next expected byte).
  std::int64_t offset_of(std::uint32_t sequence_number) const;
  void store(std::int64_t start, Bytes payload);
  void drain(TcpDelivery& out);
  void check_fin(TcpDelivery& out);

  std::size_t max_held_;
  bool started_ = false;
  bool closed_ = false;
  std::optional<std::uint32_t> isn_;  // the SYN's sequence number, when one was seen
  std::uint32_t base_ = 0;            // sequence number of stream offset 0
  std::uint64_t next_ = 0;
  std::optional<std::uint64_t> fin_at_;                      // stream offset the FIN occupies
  std::map<std::uint64_t, std::vector<std::uint8_t>> held_;  // start offset -> bytes
  std::size_t held_bytes_ = 0;
};

}  // namespace pptpkit::tools
