// Keeps a warning that can repeat at packet rate (a GRE send failing for
// every packet of a session) from flooding the log: the first one is
// reported, then at most one per interval, with how many occurred since the
// last report. Pure: time is passed in, so it is unit-tested on a virtual
// clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "base/time.h"

namespace pptpkit::net {

class WarningRateLimit {
 public:
  explicit WarningRateLimit(Duration interval = std::chrono::seconds(10)) : interval_(interval) {}

  // Another occurrence at `now`. When it is to be reported: the number of
  // occurrences since the last report, this one included; nullopt otherwise.
  std::optional<std::uint64_t> occurred(Timestamp now);

 private:
  Duration interval_;
  std::optional<Timestamp> last_report_;
  std::uint64_t unreported_ = 0;
};

}  // namespace pptpkit::net
