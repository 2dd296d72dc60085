// Time as the protocol cores see it: a point on the runtime's monotonic clock,
// counted in nanoseconds from an arbitrary origin. Cores never read a clock
// (they are sans-I/O); the runtime passes `now` in and asks for deadlines.
#pragma once

#include <chrono>

namespace pptpkit {

using Timestamp = std::chrono::nanoseconds;

}  // namespace pptpkit
