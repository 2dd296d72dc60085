// TCP MSS clamping for packets entering a tunnel: a SYN's Maximum Segment
// Size option promises the peer that segments of that size fit, which is
// false once GRE, PPP and MPPE headers shrink the path MTU (and ICMP "too
// big" is often filtered). Lowering the option in both directions' SYNs keeps
// TCP from sending segments the tunnel must fragment or drop.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/bytes.h"

namespace pptpkit::wire {

enum class MssClamp : std::uint8_t {
  kClamped,    // the MSS was above the limit and now equals it
  kUnchanged,  // not an IPv4 TCP SYN with an MSS option above the limit
  kMalformed,  // IPv4 TCP SYN whose IP or TCP header does not parse: left alone
};

std::string_view to_string(MssClamp c);

// Lowers the MSS option (RFC 9293 section 3.7.1) of a TCP SYN or SYN-ACK in
// the IPv4 datagram at the start of `packet` to `limit` when it is above it,
// and updates the TCP checksum incrementally (RFC 1624 section 3, eqn. 3), so
// the cost does not depend on the segment's length. Anything else, including
// non-first fragments and other protocols, is not modified.
MssClamp clamp_tcp_mss(MutableBytes packet, std::uint16_t limit);

}  // namespace pptpkit::wire
