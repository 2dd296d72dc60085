// A session's summary line for `decode --secrets`: JSON
// {"kind": "session", ...} and the text form
//   session=1 pns="192.0.2.2" pns_call_id=1 ... verified=true ...
#pragma once

#include <cstddef>
#include <string>

#include "tools/decode_json.h"
#include "tools/session_analyzer.h"

namespace pptpkit::tools {

// `number` is the 1-based session number, in the order calls were set up.
Json session_json(const SessionReport& report, std::size_t number);

// The JSON fields as key=value, in the same order.
std::string session_text(const SessionReport& report, std::size_t number);

}  // namespace pptpkit::tools
