#include "net/event_log.h"

#include <spdlog/spdlog.h>

#include <type_traits>

#include "net/logging.h"

namespace pptpkit::net {

namespace {

std::string_view direction_name(pptp::CallDirection direction) {
  return direction == pptp::CallDirection::kOutgoing ? "outgoing" : "incoming";
}

}  // namespace

void log_event(std::string_view peer, const pptp::Event& event) {
  std::visit(
      [peer](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, pptp::TunnelUp>) {
          spdlog::info(
              "tunnel up peer={} version={:#06x} framing={:#x} bearer={:#x} maximum_channels={} "
              "firmware={:#06x} host=\"{}\" vendor=\"{}\"",
              peer, e.peer.protocol_version, e.peer.framing_capabilities, e.peer.bearer_capabilities,
              e.peer.maximum_channels, e.peer.firmware_revision, e.peer.host_name, e.peer.vendor_string);
        } else if constexpr (std::is_same_v<T, pptp::TunnelDown>) {
          spdlog::info("tunnel down peer={} reason=\"{}\"", peer, to_string(e.reason));
        } else if constexpr (std::is_same_v<T, pptp::CollisionLost>) {
          spdlog::info("start collision lost peer={}", peer);
        } else if constexpr (std::is_same_v<T, pptp::CallRequested>) {
          spdlog::info("call requested peer={} direction={} call_id={} peer_call_id={} serial={}", peer,
                       direction_name(e.direction), e.call_id, e.peer_call_id, e.call_serial_number);
        } else if constexpr (std::is_same_v<T, pptp::CallConnected>) {
          spdlog::info("call connected peer={} call_id={} peer_call_id={} peer_window={} speed={}", peer,
                       e.call_id, e.peer_call_id, e.peer_receive_window, e.connect_speed);
        } else if constexpr (std::is_same_v<T, pptp::CallCleared>) {
          spdlog::info("call cleared peer={} call_id={} peer_call_id={} cause=\"{}\" result={} error=\"{}\"",
                       peer, e.call_id, e.peer_call_id, to_string(e.cause), e.result_code,
                       wire::to_string(e.error_code));
        } else if constexpr (std::is_same_v<T, pptp::LinkInfoChanged>) {
          spdlog::debug("link info peer={} call_id={} send_accm={:#010x} receive_accm={:#010x}", peer,
                        e.call_id, e.send_accm, e.receive_accm);
        } else if constexpr (std::is_same_v<T, pptp::WanErrorReported>) {
          spdlog::warn("wan error peer={} call_id={} crc={} framing={} hardware_overruns={}", peer, e.call_id,
                       e.counters.crc_errors, e.counters.framing_errors, e.counters.hardware_overruns);
        } else {
          log_line(e);
        }
      },
      event);
}

}  // namespace pptpkit::net
