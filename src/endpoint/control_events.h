// Reading a control connection's events in batches. A TunnelDown comes after
// the CallCleared events it caused, so the owner takes a whole batch first
// to name the real cause when it ends those calls' sessions.
#pragma once

#include <string>
#include <vector>

#include "pptp/control_connection.h"
#include "pptp/events.h"

namespace pptpkit::endpoint {

// Every event the connection has queued, oldest first.
std::vector<pptp::Event> drain_events(pptp::ControlConnection& control);

// "control connection down: <reason>" with the batch's TunnelDown reason.
std::string call_cleared_reason(const std::vector<pptp::Event>& batch);

}  // namespace pptpkit::endpoint
