// Time as the sans-I/O cores see it: the runtime reads its monotonic clock and
// passes the reading in; the cores never read a clock themselves, so tests and
// simulations drive them with a virtual one.
#pragma once

#include <chrono>

namespace pptpkit {

// A reading of the runtime's monotonic clock: time since an arbitrary epoch.
using Timestamp = std::chrono::nanoseconds;
// An interval between two Timestamps (timer settings).
using Duration = std::chrono::nanoseconds;

}  // namespace pptpkit
