#include "endpoint/session_log.h"

#include <fmt/format.h>

#include <chrono>

#include "endpoint/ipv4_text.h"

namespace pptpkit::endpoint {

namespace {

LogField address_field(std::string key, std::uint32_t address) {
  return text_field(std::move(key), ipv4_text(address));
}

LogField method_field(std::optional<ppp::AuthMethod> method) {
  return text_field("method", method ? ppp::to_string(*method) : "none");
}

// Which end of the link is the client's and which the server's.
void add_link_ends(LogFields& fields, const ppp::Ipv4Assignment& addresses, bool server) {
  fields.push_back(address_field("address", server ? addresses.peer : addresses.local));
  fields.push_back(address_field("server_end", server ? addresses.local : addresses.peer));
}

}  // namespace

std::string session_id(std::uint32_t run, std::uint64_t serial) {
  return fmt::format("{:08x}-{}", run, serial);
}

std::string mppe_text(const std::optional<ppp::MppeConfig>& mppe) {
  if (!mppe) return "none";
  return fmt::format("{} {}", crypto::to_string(mppe->strength),
                     mppe->mode == ppp::MppeMode::kStateless ? "stateless" : "stateful");
}

bool is_refusal(ppp::CloseReason reason) {
  switch (reason) {
    case ppp::CloseReason::kAuthenticationRefused:
    case ppp::CloseReason::kAuthenticationFailed:
    case ppp::CloseReason::kMppeRefused:
    case ppp::CloseReason::kMppeMismatch:
    case ppp::CloseReason::kNoAddress:
    case ppp::CloseReason::kTooManySessions:
      return true;
    default:
      return false;
  }
}

LogLine call_requested_line(std::uint32_t peer, std::uint16_t call_id, std::uint16_t peer_call_id) {
  return {LogLevel::kInfo,
          "call requested",
          {address_field("peer", peer), number_field("call_id", call_id),
           number_field("peer_call_id", peer_call_id)}};
}

LogLine call_refused_line(std::uint32_t peer, std::uint16_t call_id, std::uint16_t peer_call_id,
                          std::string_view reason) {
  return {LogLevel::kWarning,
          "call refused",
          {address_field("peer", peer), number_field("call_id", call_id),
           number_field("peer_call_id", peer_call_id), text_field("reason", reason)}};
}

LogLine auth_succeeded_line(std::string_view session, std::uint32_t peer, std::uint16_t call_id,
                            std::string_view user, std::optional<ppp::AuthMethod> method) {
  return {LogLevel::kInfo,
          "authenticated",
          {text_field("user", user), address_field("peer", peer), method_field(method),
           number_field("call_id", call_id), text_field("session", session)}};
}

LogLine auth_failed_line(const AuthFailed& failed) {
  return {LogLevel::kWarning,
          "authentication failed",
          {text_field("user", failed.user), address_field("peer", failed.peer),
           text_field("reason", ppp::to_string(failed.failure)), method_field(failed.method),
           number_field("call_id", failed.call_id), text_field("session", failed.session)}};
}

LogLine session_up_line(const SessionUp& up, bool server) {
  LogLine line{LogLevel::kInfo, "session up", {text_field("user", up.user)}};
  add_link_ends(line.fields, up.addresses, server);
  line.fields.insert(line.fields.end(),
                     {address_field("peer", up.peer), number_field("call_id", up.call_id),
                      number_field("peer_call_id", up.peer_call_id),
                      text_field("auth", up.auth ? ppp::to_string(*up.auth) : "none"),
                      text_field("mppe", mppe_text(up.mppe)), number_field("mtu", up.mtu)});
  if (up.addresses.primary_dns) line.fields.push_back(address_field("dns1", *up.addresses.primary_dns));
  if (up.addresses.secondary_dns) line.fields.push_back(address_field("dns2", *up.addresses.secondary_dns));
  line.fields.push_back(text_field("session", up.session));
  return line;
}

LogLine session_down_line(const SessionDown& down, bool server, bool refused) {
  LogLine line{down.was_up ? LogLevel::kInfo : LogLevel::kWarning,
               down.was_up ? "session down"
               : refused   ? "session refused"
                           : "session failed",
               {text_field("user", down.user), number_field("call_id", down.call_id),
                text_field("reason", down.reason), address_field("peer", down.peer),
                number_field("peer_call_id", down.peer_call_id)}};
  if (down.addresses) add_link_ends(line.fields, *down.addresses, server);
  const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(down.duration).count();
  line.fields.insert(
      line.fields.end(),
      {LogField{"duration", fmt::format("{}.{:03}", milliseconds / 1000, milliseconds % 1000), true},
       number_field("packets_in", down.traffic.packets_in), number_field("bytes_in", down.traffic.bytes_in),
       number_field("packets_out", down.traffic.packets_out),
       number_field("bytes_out", down.traffic.bytes_out), text_field("session", down.session)});
  return line;
}

}  // namespace pptpkit::endpoint
