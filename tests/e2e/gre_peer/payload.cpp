#include "payload.h"

#include <cassert>

namespace pptpkit::e2e {
namespace {

constexpr std::uint8_t kPrefix[] = {0xFF, 0x03, 0x00, 0xFD};
// Numbers a sender can reach in a bounded run; larger ones are corrupt (and
// would make the seen-bitmap huge).
constexpr std::uint32_t kMaxNumber = 1u << 28;

std::uint8_t pattern(std::uint32_t number, std::size_t i) { return static_cast<std::uint8_t>(number + i); }

}  // namespace

void write_payload(MutableBytes out, std::uint16_t call_id, std::uint32_t number) {
  assert(out.size() >= kPayloadHeaderSize);
  ByteWriter writer(out);
  writer.bytes(kPrefix);
  writer.u16(call_id);
  writer.u32(number);
  for (std::size_t i = kPayloadHeaderSize; i < out.size(); ++i) out[i] = pattern(number, i);
}

bool StreamCheck::intact(Bytes payload, std::uint32_t number) const {
  if (payload.size() != size_ || number >= kMaxNumber) return false;
  for (std::size_t i = 0; i < sizeof kPrefix; ++i)
    if (payload[i] != kPrefix[i]) return false;
  if (ByteReader(payload.subspan(4, 2)).u16() != call_id_) return false;
  for (std::size_t i = kPayloadHeaderSize; i < payload.size(); ++i)
    if (payload[i] != pattern(number, i)) return false;
  return true;
}

void StreamCheck::on_payload(Timestamp now, Bytes payload) {
  if (delivered_++ == 0) first_at_ = now;
  last_at_ = now;
  const std::uint32_t number =
      payload.size() >= kPayloadHeaderSize ? ByteReader(payload.subspan(6, 4)).u32() : 0;
  if (!intact(payload, number)) {
    ++corrupt_;
    return;
  }
  if (number >= seen_.size()) seen_.resize(std::max<std::size_t>(number + 1, seen_.size() * 2));
  if (seen_[number]) {
    ++duplicates_;
    return;
  }
  seen_[number] = true;
  ++unique_;
  if (std::int64_t{number} > highest_) {
    ++in_order_;
    highest_ = number;
  } else {
    ++out_of_order_;
  }
}

}  // namespace pptpkit::e2e
