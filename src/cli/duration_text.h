// Durations in flags and configuration: "90s", "500ms", "2m", "1h"; a bare
// number is seconds. Timers are set this way so tests can shorten them.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "base/time.h"

namespace pptpkit::cli {

// The error names the text and the accepted units. Negative durations are
// refused, and so is zero unless `zero_allowed` (a timer that zero turns off):
// every other timer here must fire eventually.
Result<Duration, std::string> parse_duration(std::string_view text, bool zero_allowed = false);

// The text parse_duration() reads back: the largest unit that is exact
// ("90s", "5m", "1500ms", "0s").
std::string duration_text(Duration duration);

}  // namespace pptpkit::cli
