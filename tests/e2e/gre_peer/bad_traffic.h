// Traffic the target's demux must drop and count by reason, sent from a
// third address: GRE v1 for a Call ID the target has no call for (unknown
// call), GRE v1 with a Call ID it has but from us, not that call's peer
// (wrong peer), and plain GRE version 0 carrying an IPv4 packet (unknown
// version: no plain-GRE handler is registered).
#pragma once

#include "net/raw_gre_socket.h"
#include "options.h"

namespace pptpkit::e2e {

// Sends options.bad_count packets of each kind to every --call's address
// (its peer Call ID is the known one; options.unknown_call the unknown one),
// prints a JSON summary of what was sent. Returns the exit status.
int send_bad_traffic(const Options& options, net::RawGreSocket& socket);

}  // namespace pptpkit::e2e
