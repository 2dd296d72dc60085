// Hands a received GRE packet to the handler of its version, the way the
// Linux kernel's gre_rcv (net/ipv4/gre_demux.c) picks a protocol by the
// Version field before any handler looks at the rest.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/gre_error.h"
#include "wire/gre_v0.h"
#include "wire/gre_v1.h"

namespace pptpkit::wire {

// Who owns a packet; the value is the GRE Version it handles.
enum class GreHandler : std::uint8_t {
  kPlainGre = 0,  // RFC 2784 / RFC 2890
  kPptp = 1,      // RFC 2637 enhanced GRE
};

// Coarse reasons, one drop counter each; GreDrop::error says precisely why.
enum class GreDropReason : std::uint8_t {
  kTruncated,          // shorter than the 4 octets that hold the version
  kUnknownVersion,     // Version 2..7: no handler
  kBadPlainGreHeader,  // version 0 header refused by decode_gre_v0
  kBadPptpHeader,      // version 1 header refused by decode_gre_v1
};

std::string_view to_string(GreDropReason r);

struct GreDrop {
  GreDropReason reason;
  GreError error;
};

struct GreDispatch {
  // Index 0 is a version 0 packet, index 1 a version 1 packet.
  std::variant<GreV0Packet, GreV1Packet> packet;

  GreHandler handler() const { return static_cast<GreHandler>(packet.index()); }
};

// Reads the Version of the GRE packet `data` (the bytes after the IP header),
// validates the header with that version's decoder (RFC 2784 section 2.1 /
// RFC 2637 section 4.1) and returns the parsed packet, or why it is dropped.
Result<GreDispatch, GreDrop> dispatch_gre(Bytes data);

}  // namespace pptpkit::wire
