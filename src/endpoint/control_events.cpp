#include "endpoint/control_events.h"

#include <fmt/format.h>

#include <utility>
#include <variant>

namespace pptpkit::endpoint {

std::vector<pptp::Event> drain_events(pptp::ControlConnection& control) {
  std::vector<pptp::Event> events;
  while (auto e = control.poll_event()) events.push_back(std::move(*e));
  return events;
}

std::string call_cleared_reason(const std::vector<pptp::Event>& batch) {
  for (const auto& e : batch) {
    if (const auto* down = std::get_if<pptp::TunnelDown>(&e)) {
      return fmt::format("control connection down: {}", pptp::to_string(down->reason));
    }
  }
  return "control connection down";
}

}  // namespace pptpkit::endpoint
