// One log line per tunnel and call event, with the peer, both Call IDs and
// the reason, in key=value form that greps and diffs well:
//   tunnel up peer=192.0.2.2:40000 host="..." vendor="..." ...
//   call connected peer=192.0.2.2:40000 call_id=4242 peer_call_id=17 ...
// Shared by the server, the client and the probe so all read alike.
#pragma once

#include <string_view>

#include "pptp/events.h"

namespace pptpkit::net {

void log_event(std::string_view peer, const pptp::Event& event);

}  // namespace pptpkit::net
