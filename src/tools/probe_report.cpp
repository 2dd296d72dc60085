#include "tools/probe_report.h"

#include <fmt/format.h>

#include <chrono>

#include "wire/pptp_codes.h"

namespace pptpkit::tools {

namespace {

std::string seconds_text(Duration d) {
  return fmt::format("{:g} s", std::chrono::duration<double>(d).count());
}

std::string with_detail(std::string_view text, std::string_view detail) {
  return detail.empty() ? std::string(text) : fmt::format("{} ({})", text, detail);
}

std::string capability_names(std::uint32_t bits, std::string_view bit1, std::string_view bit2) {
  std::string names;
  if (bits & 1U) names += bit1;
  if (bits & 2U) names += names.empty() ? std::string(bit2) : fmt::format(", {}", bit2);
  return names.empty() ? "none" : names;
}

std::string result_name(std::uint8_t code) {
  return std::string(wire::to_string(static_cast<wire::OutgoingCallResult>(code)));
}

}  // namespace

std::pair<ProbeFailure, std::string> diagnose_start(pptp::TunnelDownReason reason, std::string_view detail,
                                                    Duration timeout) {
  using R = pptp::TunnelDownReason;
  switch (reason) {
    case R::kStartTimeout:
      return {ProbeFailure::kNoAnswer,
              fmt::format("TCP connected, but no Start-Control-Connection-Reply within {}",
                          seconds_text(timeout))};
    case R::kProtocolError:
      return {ProbeFailure::kNotPptp, with_detail("the answer is not a PPTP control message", detail)};
    case R::kPeerClosed:
      return {ProbeFailure::kNotPptp, "the server closed TCP without a Start-Control-Connection-Reply"};
    case R::kRefused:
      return {ProbeFailure::kRefused, with_detail("the server refused the control connection", detail)};
    case R::kVersionMismatch:
      return {ProbeFailure::kRefused, with_detail("the server speaks another PPTP version", detail)};
    default:
      return {ProbeFailure::kNotPptp,
              with_detail(fmt::format("the tunnel ended: {}", to_string(reason)), detail)};
  }
}

std::string to_text(const ProbeReport& report) {
  std::string text = fmt::format("server            {}\n", report.server);
  if (const auto& peer = report.peer) {
    text += fmt::format("protocol version  {}.{} ({:#06x})\n", peer->protocol_version >> 8,
                        peer->protocol_version & 0xFF, peer->protocol_version);
    text += fmt::format("framing           {:#x} ({})\n", peer->framing_capabilities,
                        capability_names(peer->framing_capabilities, "async", "sync"));
    text += fmt::format("bearer            {:#x} ({})\n", peer->bearer_capabilities,
                        capability_names(peer->bearer_capabilities, "analog", "digital"));
    text += fmt::format("maximum channels  {}\n", peer->maximum_channels);
    text += fmt::format("firmware revision {:#06x}\n", peer->firmware_revision);
    text += fmt::format("host name         \"{}\"\n", peer->host_name);
    text += fmt::format("vendor            \"{}\"\n", peer->vendor_string);
  }
  if (const auto& call = report.call) {
    if (call->connected) {
      text += fmt::format(
          "call              result {} ({}), call id {}, peer call id {}, peer window {}, "
          "processing delay {}, speed {}\n",
          call->result_code, result_name(call->result_code), call->call_id, call->peer_call_id,
          call->peer_receive_window, call->peer_processing_delay, call->connect_speed);
    } else {
      text += fmt::format("call              not connected: result {} ({}), {}\n", call->result_code,
                          result_name(call->result_code), call->cause);
    }
  }
  return text;
}

nlohmann::json to_json(const ProbeReport& report) {
  nlohmann::json json{{"server", report.server}, {"ok", report.failure == ProbeFailure::kNone}};
  if (const auto& peer = report.peer) {
    json["peer"] = {{"protocol_version", peer->protocol_version},
                    {"framing_capabilities", peer->framing_capabilities},
                    {"bearer_capabilities", peer->bearer_capabilities},
                    {"maximum_channels", peer->maximum_channels},
                    {"firmware_revision", peer->firmware_revision},
                    {"host_name", peer->host_name},
                    {"vendor_string", peer->vendor_string}};
  }
  if (const auto& call = report.call) {
    json["call"] = {{"connected", call->connected},
                    {"result_code", call->result_code},
                    {"result", result_name(call->result_code)},
                    {"call_id", call->call_id},
                    {"peer_call_id", call->peer_call_id},
                    {"peer_receive_window", call->peer_receive_window},
                    {"peer_processing_delay", call->peer_processing_delay},
                    {"connect_speed", call->connect_speed}};
    if (!call->connected) json["call"]["cause"] = call->cause;
  }
  if (report.failure != ProbeFailure::kNone) json["error"] = report.diagnosis;
  return json;
}

int exit_code(const ProbeReport& report) { return static_cast<int>(report.failure); }

}  // namespace pptpkit::tools
