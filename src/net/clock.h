// The real clock: the one place pptpkit reads time. The sans-I/O layers take
// Timestamp arguments; this turns the monotonic clock into them and back
// into the time points Asio timers want.
#pragma once

#include <chrono>

#include "base/time.h"

namespace pptpkit::net {

// Now on CLOCK_MONOTONIC (std::chrono::steady_clock), as nanoseconds since
// its epoch: never jumps with wall-clock changes, so deadlines stay valid.
Timestamp now();

// The steady_clock time point of a Timestamp returned by now().
std::chrono::steady_clock::time_point to_time_point(Timestamp t);

}  // namespace pptpkit::net
