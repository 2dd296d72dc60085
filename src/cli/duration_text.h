// Durations in flags and configuration: "90s", "500ms", "2m", "1h"; a bare
// number is seconds. Timers are set this way so tests can shorten them.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "base/time.h"

namespace pptpkit::cli {

// The error names the text and the accepted units. Zero and negative
// durations are refused: every timer here must fire eventually.
Result<Duration, std::string> parse_duration(std::string_view text);

}  // namespace pptpkit::cli
