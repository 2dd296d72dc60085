// What `pptpkit probe` found out about a PPTP server, and how it says so:
// text for people, one JSON object for scripts, an exit code per kind of
// failure. Pure, so tests check every diagnosis without a network.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "pptp/events.h"

namespace pptpkit::tools {

// Exit codes: 0 success, then one per kind of failure.
enum class ProbeFailure : std::uint8_t {
  kNone = 0,
  kUnreachable = 2,   // no TCP connection (refused, unreachable, timed out)
  kNoAnswer = 3,      // TCP up, but no Start-Control-Connection-Reply in time
  kNotPptp = 4,       // the answer is not a PPTP control stream, or it closed without one
  kRefused = 5,       // Start-Control-Connection-Reply with an error, or another version
  kCallFailed = 6,    // --call: the call did not connect
  kTunnelFailed = 7,  // the tunnel broke after it came up
};

struct ProbeCall {
  bool connected = false;
  std::uint8_t result_code = 0;  // Outgoing-Call-Reply Result Code (1 = Connected)
  std::uint16_t call_id = 0;     // ours
  std::uint16_t peer_call_id = 0;
  std::uint16_t peer_receive_window = 0;
  std::uint16_t peer_processing_delay = 0;
  std::uint32_t connect_speed = 0;
  std::string cause{};  // why the call did not connect
};

struct ProbeReport {
  std::string server{};  // "192.0.2.1:1723"
  std::optional<pptp::PeerInfo> peer{};
  std::optional<ProbeCall> call{};
  ProbeFailure failure = ProbeFailure::kNone;
  std::string diagnosis{};  // one line, set with failure
};

// The failure and its diagnosis when a tunnel ends before it came up.
// `detail` is the core's last warning (e.g. "unframable stream: bad magic
// cookie"), `timeout` the probe's wait.
std::pair<ProbeFailure, std::string> diagnose_start(pptp::TunnelDownReason reason, std::string_view detail,
                                                    Duration timeout);

std::string to_text(const ProbeReport& report);
nlohmann::json to_json(const ProbeReport& report);
int exit_code(const ProbeReport& report);

}  // namespace pptpkit::tools
