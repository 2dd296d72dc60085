#include "wire/gre_v0.h"

#include "wire/gre_flags.h"
#include "wire/inet_checksum.h"

namespace pptpkit::wire {
namespace {

// RFC 2784 2.3: a receiver that does not implement RFC 1701 discards packets
// with any of bits 1-5 set; RFC 2890 gives bits 2 (K) and 3 (S) a meaning,
// leaving R, s and bit 5 (the top bit of RFC 1701's Recur).
inline constexpr std::uint16_t kBit5 = 0x0400;
inline constexpr std::uint16_t kMustBeZero = kGreRoutingPresent | kGreStrictSourceRoute | kBit5;
inline constexpr std::size_t kChecksumOffset = 4;

}  // namespace

std::size_t header_size(const GreV0Header& header) {
  return kGreBaseHeaderSize + (header.checksum_present ? 4 : 0) + (header.key ? 4 : 0) +
         (header.sequence ? 4 : 0);
}

Result<GreV0Packet, GreError> decode_gre_v0(Bytes data) {
  ByteReader r(data);
  const std::uint16_t flags = r.u16();
  GreV0Packet p;
  p.header.protocol_type = r.u16();
  if (!r.ok()) return Unexpected{GreError::kTruncated};
  if ((flags & kGreVersionMask) != 0) return Unexpected{GreError::kUnsupportedVersion};
  if (flags & kMustBeZero) return Unexpected{GreError::kReservedNotZero};

  p.header.checksum_present = (flags & kGreChecksumPresent) != 0;
  if (p.header.checksum_present) r.skip(4);  // Checksum, verified below; Reserved1, ignored
  if (flags & kGreKeyPresent) p.header.key = r.u32();
  if (flags & kGreSequencePresent) p.header.sequence = r.u32();
  if (!r.ok()) return Unexpected{GreError::kTruncated};
  // Summing header and payload including a correct checksum gives zero.
  if (p.header.checksum_present && inet_checksum(data) != 0) return Unexpected{GreError::kBadChecksum};
  p.payload = r.rest();
  return p;
}

Result<std::size_t, GreError> encode_gre_v0(const GreV0Header& header, Bytes payload, MutableBytes out) {
  std::uint16_t flags = 0;
  if (header.checksum_present) flags |= kGreChecksumPresent;
  if (header.key) flags |= kGreKeyPresent;
  if (header.sequence) flags |= kGreSequencePresent;
  ByteWriter w(out);
  w.u16(flags);
  w.u16(header.protocol_type);
  if (header.checksum_present) w.zeros(4);  // Checksum (zero while summing) and Reserved1
  if (header.key) w.u32(*header.key);
  if (header.sequence) w.u32(*header.sequence);
  if (!w.ok()) return Unexpected{GreError::kBufferTooSmall};
  if (header.checksum_present) {
    // The header is a whole number of 16-bit words, so the two sums chain.
    ByteWriter checksum(out.subspan(kChecksumOffset, 2));
    checksum.u16(inet_checksum(payload, inet_sum(w.written())));
  }
  return w.offset();
}

}  // namespace pptpkit::wire
