// The far end of the tunnel, faked: turns an ICMP echo request into the
// reply its destination would send, in place, so a ping through the TUN is
// answered by tun_tool itself and nothing leaves the namespace.
#pragma once

#include "base/bytes.h"

namespace pptpkit::e2e {

// When `packet` is an IPv4 ICMP echo request (RFC 792): swaps source and
// destination, makes it an echo reply and fixes the ICMP checksum, then
// returns true. Anything else is left alone and false returned.
bool reflect_echo_request(MutableBytes packet);

}  // namespace pptpkit::e2e
