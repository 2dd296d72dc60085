// The Internet checksum (RFC 1071), shared by the IPv4 header (RFC 791
// section 3.1) and the GRE checksum (RFC 2784 section 2.5).
#pragma once

#include <cstdint>

#include "base/bytes.h"

namespace pptpkit::wire {

// Adds `data` as big-endian 16-bit words to a running one's complement sum
// (RFC 1071 section 4.1) and returns it folded to 16 bits, so a header and a
// payload in separate spans can be summed as if they were one. A trailing
// odd octet is padded with zero, so every span but the last must have even
// length.
std::uint16_t inet_sum(Bytes data, std::uint16_t partial = 0);

// The checksum to put in a header whose checksum field is zero while summing:
// the one's complement of inet_sum(data, partial). Summing a block that
// already holds its correct checksum yields 0 here (RFC 1071 section 1), which
// is how receivers verify.
std::uint16_t inet_checksum(Bytes data, std::uint16_t partial = 0);

}  // namespace pptpkit::wire
