// Time as the data channel sees it: a count of nanoseconds since an epoch the
// runtime chooses. The layer never reads a clock (DESIGN.md: sans-I/O); every
// entry point takes `now`, so tests and the simulated network drive it
// deterministically.
#pragma once

#include <chrono>

namespace pptpkit::gre {

using Duration = std::chrono::nanoseconds;
using Timestamp = std::chrono::nanoseconds;  // since the runtime's epoch

}  // namespace pptpkit::gre
