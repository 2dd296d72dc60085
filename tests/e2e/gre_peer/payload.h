// The numbered test payloads and their checker. A payload is a PPP frame
// tshark can dissect without complaint: FF 03 (address, control), protocol
// 0x00FD (Compressed Datagram: opaque, as MPPE-encrypted traffic is), then
// the receiver's Call ID, a 32-bit number and a pattern derived from the
// number, so corruption, misrouting, loss, reordering and duplication all
// show.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/bytes.h"
#include "base/time.h"

namespace pptpkit::e2e {

inline constexpr std::size_t kPayloadHeaderSize = 10;

// Writes payload `number` for the call the peer knows as `call_id` into all
// of `out` (at least kPayloadHeaderSize octets).
void write_payload(MutableBytes out, std::uint16_t call_id, std::uint32_t number);

class StreamCheck {
 public:
  StreamCheck(std::uint16_t call_id, std::size_t size) : call_id_(call_id), size_(size) {}

  void on_payload(Timestamp now, Bytes payload);

  std::uint64_t delivered() const { return delivered_; }
  std::uint64_t unique() const { return unique_; }
  std::uint64_t in_order() const { return in_order_; }          // numbered above every earlier one
  std::uint64_t out_of_order() const { return out_of_order_; }  // new, but below an earlier one
  std::uint64_t duplicates() const { return duplicates_; }
  std::uint64_t corrupt() const { return corrupt_; }  // wrong size, call, pattern or number
  Timestamp first_at() const { return first_at_; }
  Timestamp last_at() const { return last_at_; }

 private:
  bool intact(Bytes payload, std::uint32_t number) const;

  std::uint16_t call_id_;
  std::size_t size_;
  std::vector<bool> seen_;
  std::uint64_t delivered_ = 0, unique_ = 0, in_order_ = 0, out_of_order_ = 0, duplicates_ = 0, corrupt_ = 0;
  std::int64_t highest_ = -1;
  Timestamp first_at_{}, last_at_{};
};

}  // namespace pptpkit::e2e
