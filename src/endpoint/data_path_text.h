// The data path's counters as one log line's key=value text, so an operator
// (and the end-to-end tests) can see what was dropped or refused and why.
#pragma once

#include <string>

#include "endpoint/events.h"
#include "gre/drop_counters.h"

namespace pptpkit::endpoint {

// "tun_no_route=0 ... gre_drops=N gre_bad_header=0 ...": every DataPathStats
// counter, then the GRE drops in total and by reason (gre/drop_counters.h).
std::string data_path_text(const DataPathStats& stats, const gre::DropCounters& drops);

}  // namespace pptpkit::endpoint
