// Runs a program's event loop until SIGINT or SIGTERM has shut its control
// connections down in order (disconnect notifications and
// Stop-Control-Connection first, bounded by RuntimeSettings::stop_bound), or
// until the program stops the loop itself. A second signal stops at once.
#pragma once

#include <asio/io_context.hpp>

#include "net/control_runtime.h"

namespace pptpkit::net {

void run_until_stopped(asio::io_context& io, ControlRuntime& runtime);

}  // namespace pptpkit::net
