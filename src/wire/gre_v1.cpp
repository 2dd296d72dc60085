#include "wire/gre_v1.h"

#include "wire/gre_flags.h"

namespace pptpkit::wire {
namespace {

inline constexpr std::uint16_t kVersion = 1;

// RFC 2637 4.1 fixes C, R, s, Recur and Flags at zero and K at one; each
// violation gets its own error so a capture can say what the peer got wrong.
Status<GreError> check_flags(std::uint16_t flags) {
  if (flags & kGreChecksumPresent) return Unexpected{GreError::kChecksumFlagSet};
  if (flags & kGreRoutingPresent) return Unexpected{GreError::kRoutingFlagSet};
  if (!(flags & kGreKeyPresent)) return Unexpected{GreError::kKeyNotSet};
  if (flags & kGreStrictSourceRoute) return Unexpected{GreError::kStrictSourceRouteSet};
  if (flags & kGreRecursionMask) return Unexpected{GreError::kRecursionNotZero};
  if (flags & kGreFlagsMask) return Unexpected{GreError::kFlagsNotZero};
  return {};
}

}  // namespace

std::size_t header_size(const GreV1Header& header) {
  return kGreV1MinHeaderSize + (header.sequence ? 4 : 0) + (header.ack ? 4 : 0);
}

Result<GreV1Packet, GreError> decode_gre_v1(Bytes data) {
  if (data.size() < kGreV1MinHeaderSize) return Unexpected{GreError::kTruncated};
  ByteReader r(data);
  const std::uint16_t flags = r.u16();
  const std::uint16_t protocol_type = r.u16();
  if ((flags & kGreVersionMask) != kVersion) return Unexpected{GreError::kUnsupportedVersion};
  if (protocol_type != kGreProtocolPpp) return Unexpected{GreError::kBadProtocolType};
  if (auto ok = check_flags(flags); !ok) return Unexpected{ok.error()};

  GreV1Packet p;
  p.header.payload_length = r.u16();
  p.header.call_id = r.u16();
  if (flags & kGreSequencePresent) p.header.sequence = r.u32();
  if (flags & kGreAckPresent) p.header.ack = r.u32();
  if (!r.ok()) return Unexpected{GreError::kTruncated};
  // The sequence number numbers the payload (4.1), so data without one
  // cannot be ordered or acknowledged.
  if (p.header.payload_length != 0 && !p.header.sequence) {
    return Unexpected{GreError::kPayloadWithoutSequence};
  }
  if (p.header.payload_length > r.remaining()) return Unexpected{GreError::kPayloadLengthExceedsPacket};
  p.payload = r.bytes(p.header.payload_length);
  return p;
}

Result<std::size_t, GreError> encode_gre_v1(const GreV1Header& header, MutableBytes out) {
  std::uint16_t flags = kGreKeyPresent | kVersion;
  if (header.sequence) flags |= kGreSequencePresent;
  if (header.ack) flags |= kGreAckPresent;
  ByteWriter w(out);
  w.u16(flags);
  w.u16(kGreProtocolPpp);
  w.u16(header.payload_length);
  w.u16(header.call_id);
  if (header.sequence) w.u32(*header.sequence);
  if (header.ack) w.u32(*header.ack);
  if (!w.ok()) return Unexpected{GreError::kBufferTooSmall};
  return w.offset();
}

}  // namespace pptpkit::wire
