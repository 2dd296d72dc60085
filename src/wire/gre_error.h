// Why a GRE header (version 0 or 1) was refused or could not be written.
#pragma once

#include <cstdint>
#include <string_view>

namespace pptpkit::wire {

enum class GreError : std::uint8_t {
  kTruncated,                   // fewer bytes than the header's present fields need
  kUnsupportedVersion,          // Version is not the one this decoder handles
  kBadProtocolType,             // version 1: Protocol Type is not 0x880B
  kKeyNotSet,                   // version 1: K is clear, so no Payload Length / Call ID
  kChecksumFlagSet,             // version 1: C is set
  kRoutingFlagSet,              // version 1: R is set
  kStrictSourceRouteSet,        // version 1: s is set
  kRecursionNotZero,            // version 1: Recur is not 0
  kFlagsNotZero,                // version 1: Flags (bits 9-12) are not 0
  kPayloadWithoutSequence,      // version 1: Payload Length > 0 but S is clear
  kPayloadLengthExceedsPacket,  // version 1: fewer payload octets than Payload Length
  kReservedNotZero,             // version 0: one of Reserved0 bits 1, 4, 5 is set
  kBadChecksum,                 // version 0: Checksum does not verify
  kBufferTooSmall,              // encoder output span is smaller than the header
};

std::string_view to_string(GreError e);

}  // namespace pptpkit::wire
