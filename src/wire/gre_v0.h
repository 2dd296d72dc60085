// The plain GRE header, version 0 (RFC 2784 section 2.1), with the Key and
// Sequence Number extensions (RFC 2890 section 2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/gre_error.h"

namespace pptpkit::wire {

inline constexpr std::size_t kGreV0MaxHeaderSize = 16;  // base, checksum, key, sequence

struct GreV0Header {
  // C: Checksum and Reserved1 are present. The decoder has verified the
  // checksum; the encoder computes it.
  bool checksum_present = false;
  std::optional<std::uint32_t> key = std::nullopt;       // present if K (RFC 2890 2.1)
  std::optional<std::uint32_t> sequence = std::nullopt;  // present if S (RFC 2890 2.2)
  std::uint16_t protocol_type = 0;                       // an EtherType (RFC 2784 2.4)

  bool operator==(const GreV0Header&) const = default;
};

struct GreV0Packet {
  GreV0Header header;
  // Everything after the header: GRE has no length field, the delivery
  // header bounds the packet.
  Bytes payload;
};

// Octets the header occupies: 4, plus 4 for each of checksum, key, sequence.
std::size_t header_size(const GreV0Header& header);

// Decodes a version 0 header at the start of `data` (the whole GRE packet:
// the checksum covers header and payload, RFC 2784 section 2.5). Refuses
// Reserved0 bits 1, 4 and 5 (RFC 2784 section 2.3; bits 2 and 3 are K and S
// of RFC 2890) and a checksum that does not verify. Bits 6-12 and Reserved1
// are ignored on receipt as RFC 2784 sections 2.3 and 2.6 require, so they do
// not survive a decode/encode round trip. The protocol type is reported, not
// judged: that is for whoever handles the payload.
Result<GreV0Packet, GreError> decode_gre_v0(Bytes data);

// Writes the header (RFC 2784 section 2.1, RFC 2890 section 2) into the start
// of `out` and returns header_size(header). When checksum_present, the
// checksum is computed over the header and `payload` (the bytes that will
// follow it); otherwise `payload` is not read.
Result<std::size_t, GreError> encode_gre_v0(const GreV0Header& header, Bytes payload, MutableBytes out);

}  // namespace pptpkit::wire
