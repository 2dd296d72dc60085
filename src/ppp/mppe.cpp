#include "ppp/mppe.h"

#include <stdexcept>

#include "wire/ppp_frame.h"

namespace pptpkit::ppp {
namespace {

// RFC 3078 section 7.2: in stateful mode the key changes at the packet whose
// coherency count ends in 0xFF (the "flag" packet).
constexpr bool is_flag_packet(std::uint16_t count) { return (count & 0xFF) == 0xFF; }

constexpr std::uint16_t count_after(std::uint16_t count, std::uint16_t steps) {
  return static_cast<std::uint16_t>((count + steps) & kMppeCountMask);
}

// How far `count` is ahead of `from`, modulo the 4096-value count space.
constexpr std::uint16_t distance(std::uint16_t from, std::uint16_t count) {
  return static_cast<std::uint16_t>((count - from) & kMppeCountMask);
}

constexpr std::uint16_t kHalfCountSpace = (kMppeCountMask + 1) / 2;

}  // namespace

std::string_view to_string(MppeDrop d) {
  switch (d) {
    case MppeDrop::kTruncated:
      return "truncated";
    case MppeDrop::kNotEncrypted:
      return "not encrypted";
    case MppeDrop::kCompressed:
      return "compressed (MPPC)";
    case MppeDrop::kMissingFlush:
      return "flushed bit missing";
    case MppeDrop::kReplayed:
      return "replayed or late";
    case MppeDrop::kJumpTooFar:
      return "coherency count jumped too far";
    case MppeDrop::kOutOfSync:
      return "out of sync, awaiting flush";
    case MppeDrop::kBadProtocol:
      return "bad protocol field";
  }
  return "unknown drop reason";
}

MppeSender::MppeSender(const MppeConfig& config, const crypto::MppeDirectionKeys& keys)
    : config_(config),
      start_key_(keys.start_key),
      session_key_(keys.session_key),
      rc4_(keys.session_key.bytes()) {}

void MppeSender::change_key() {
  session_key_ = crypto::next_key(start_key_, session_key_, config_.strength);
  rc4_.set_key(session_key_.bytes());
}

std::uint16_t MppeSender::encrypt(MutableBytes packet) {
  if (packet.size() < kMppeHeaderSize + 2) throw std::invalid_argument("MppeSender: no Protocol field");
  const std::uint16_t count = next_count_;
  next_count_ = count_after(count, 1);
  std::uint8_t bits = kMppeEncrypted;
  if (config_.mode == MppeMode::kStateless || is_flag_packet(count) || reset_pending_) {
    change_key();
    bits |= kMppeFlushed;
    reset_pending_ = false;
  }
  packet[0] = static_cast<std::uint8_t>(bits | (count >> 8));
  packet[1] = static_cast<std::uint8_t>(count);
  rc4_.process(packet.subspan(kMppeHeaderSize));
  ++packets_;
  return count;
}

MppeReceiver::MppeReceiver(const MppeConfig& config, const crypto::MppeDirectionKeys& keys,
                           std::uint16_t max_forward_jump)
    : config_(config),
      max_forward_jump_(max_forward_jump),
      start_key_(keys.start_key),
      session_key_(keys.session_key),
      rc4_(keys.session_key.bytes()) {}

void MppeReceiver::change_key() {
  session_key_ = crypto::next_key(start_key_, session_key_, config_.strength);
  rc4_.set_key(session_key_.bytes());
}

bool MppeReceiver::take_reset_request() {
  const bool pending = reset_request_pending_;
  reset_request_pending_ = false;
  return pending;
}

Result<MppePlaintext, MppeDrop> MppeReceiver::drop(MppeDrop reason) {
  ++drops_[static_cast<std::size_t>(reason)];
  return Unexpected{reason};
}

// RFC 3078 8.1: in stateless mode every packet is keyed on its own, so the
// receiver changes the key once per count the sender advanced. Packets at or
// behind the last count (duplicates, late arrivals) are dropped rather than
// answered by thousands of key changes, and so are implausibly far jumps.
bool MppeReceiver::synchronise_stateless(std::uint16_t count, MppeDrop& why) {
  const std::uint16_t ahead = distance(count_, count);
  if (ahead == 0 || ahead > kHalfCountSpace) {
    why = MppeDrop::kReplayed;
    return false;
  }
  if (ahead >= max_forward_jump_) {
    why = MppeDrop::kJumpTooFar;
    return false;
  }
  for (std::uint16_t i = 0; i < ahead; ++i) change_key();
  count_ = count;
  return true;
}

// RFC 3078 8.2: in stateful mode the RC4 stream continues across packets,
// so after a gap nothing can be decrypted until the sender, told by a CCP
// Reset-Request, changes the key and marks a packet flushed. The key changes
// the sender made at flag packets the receiver missed are replayed first
// (one per 256-count block crossed), then the flushed packet's own change.
bool MppeReceiver::synchronise_stateful(std::uint16_t count, bool flushed, MppeDrop& why) {
  if (!out_of_sync_) {
    count_ = count_after(count_, 1);
    if (count != count_) {
      out_of_sync_ = true;
      reset_request_pending_ = true;
      why = MppeDrop::kOutOfSync;
      return false;
    }
  } else {
    if (!flushed) {
      why = MppeDrop::kOutOfSync;
      return false;
    }
    while ((count & ~0xFF) != (count_ & ~0xFF)) {
      change_key();
      count_ = count_after(count_, 256);
    }
    count_ = count;
    out_of_sync_ = false;
  }
  if (flushed) change_key();
  return true;
}

Result<MppePlaintext, MppeDrop> MppeReceiver::decrypt(MutableBytes packet) {
  if (packet.size() < kMppeHeaderSize + 1) return drop(MppeDrop::kTruncated);
  const std::uint8_t bits = packet[0] & 0xF0;
  const auto count = static_cast<std::uint16_t>(((packet[0] & 0x0F) << 8) | packet[1]);
  const bool flushed = (bits & kMppeFlushed) != 0;
  if ((bits & kMppeEncrypted) == 0) return drop(MppeDrop::kNotEncrypted);
  if ((bits & kMppeCompressed) != 0) return drop(MppeDrop::kCompressed);
  const bool stateless = config_.mode == MppeMode::kStateless;
  if (!flushed && (stateless || is_flag_packet(count))) return drop(MppeDrop::kMissingFlush);

  MppeDrop why{};
  const bool in_sync =
      stateless ? synchronise_stateless(count, why) : synchronise_stateful(count, flushed, why);
  if (!in_sync) return drop(why);

  const MutableBytes body = packet.subspan(kMppeHeaderSize);
  rc4_.process(body);
  // RFC 1661 6.5: a Protocol field whose first octet is odd was compressed
  // to that one octet.
  const std::size_t protocol_size = (body[0] & 0x01) != 0 ? 1 : 2;
  if (body.size() < protocol_size) return drop(MppeDrop::kTruncated);
  const auto protocol =
      protocol_size == 1 ? std::uint16_t{body[0]} : static_cast<std::uint16_t>((body[0] << 8) | body[1]);
  if (!wire::is_valid_ppp_protocol(protocol)) return drop(MppeDrop::kBadProtocol);
  ++packets_;
  return MppePlaintext{protocol, body.subspan(protocol_size), count};
}

}  // namespace pptpkit::ppp
