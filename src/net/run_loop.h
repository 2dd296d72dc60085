// Runs a program's event loop until SIGINT or SIGTERM has shut its control
// connections down in order (disconnect notifications and
// Stop-Control-Connection first, bounded by RuntimeSettings::stop_bound), or
// until the program stops the loop itself. A second signal stops at once.
// SIGHUP (a closed terminal, or an operator asking a daemon to reload) either
// stops like SIGTERM or is logged and ignored, as the program chooses.
#pragma once

#include <asio/io_context.hpp>

#include "net/control_runtime.h"

namespace pptpkit::net {

enum class OnHangUp : std::uint8_t {
  kStop,             // the client: its terminal is gone
  kNothingToReload,  // the control-plane-only server: it has no secrets to reload
};

void run_until_stopped(asio::io_context& io, ControlRuntime& runtime, OnHangUp on_hang_up);

}  // namespace pptpkit::net
