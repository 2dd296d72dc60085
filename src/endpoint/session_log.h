// The one log line of each session event, shared by the server and the
// client cores so both read alike (docs/operations.md lists every line and
// field). Never a password, hash, challenge, response or key: the events
// these lines are made from carry none.
//
//   call requested peer=192.0.2.20 call_id=27512 peer_call_id=4121
//   authenticated user=alice peer=192.0.2.20 method=MS-CHAPv2 call_id=27512 session=9f1c22ab-1
//   session up user=alice address=198.18.0.10 server_end=198.18.0.1 ... session=9f1c22ab-1
//   session down user=alice call_id=27512 reason="User request" ... duration=62.250 ... session=9f1c22ab-1
//
// Key facts come first, in the order the lines had before they carried
// more, so that existing patterns keep matching.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "endpoint/events.h"
#include "ppp/close_reason.h"
#include "ppp/mppe.h"

namespace pptpkit::endpoint {

// "9f1c22ab-17": the endpoint's run (drawn once, so ids from different runs
// differ) and the session's serial number in that run.
std::string session_id(std::uint32_t run, std::uint64_t serial);

// "128-bit stateless", or "none".
std::string mppe_text(const std::optional<ppp::MppeConfig>& mppe);

// Whether a link closed for this reason was refused by its authenticator
// (credentials, authentication or MPPE policy, addresses and limits), as
// opposed to failing (timeouts, the peer's hang-up, a lost tunnel).
bool is_refusal(ppp::CloseReason reason);

// The server's lines about calls; `call_id` is ours.
LogLine call_requested_line(std::uint32_t peer, std::uint16_t call_id, std::uint16_t peer_call_id);
LogLine call_refused_line(std::uint32_t peer, std::uint16_t call_id, std::uint16_t peer_call_id,
                          std::string_view reason);

LogLine auth_succeeded_line(std::string_view session, std::uint32_t peer, std::uint16_t call_id,
                            std::string_view user, std::optional<ppp::AuthMethod> method);
LogLine auth_failed_line(const AuthFailed& failed);

// `server`: the line is the server's, so address= (always the client's
// end of the link) is the event's peer address; on the client its local one.
LogLine session_up_line(const SessionUp& up, bool server);
// "session down" (info) when it was up; otherwise "session refused" when
// `refused`, else "session failed" (warnings).
LogLine session_down_line(const SessionDown& down, bool server, bool refused);

}  // namespace pptpkit::endpoint
