// Follows what one session's PPP control packets say about security: the
// authentication method LCP agreed on, the PAP or CHAP exchange (names,
// challenge, response, verdict) and the MPPE parameters CCP agreed on.
// Pure: fed the decoded control packets of both directions in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ppp/auth.h"
#include "ppp/mppe.h"
#include "tools/decoded.h"
#include "tools/session_tracker.h"

namespace pptpkit::tools {

// The exchange as captured. CHAP fields are those of the last Challenge and
// the Response to it; PAP fills user and password.
struct AuthExchange {
  std::optional<ppp::AuthMethod> method;  // from the LCP Configure-Ack
  // The direction the authenticator sends in (its Challenge, or the
  // opposite of the PAP Authenticate-Request).
  std::optional<Direction> authenticator_sends;
  std::string authenticator_name;  // CHAP Challenge Name
  std::uint8_t challenge_identifier = 0;
  std::vector<std::uint8_t> challenge;
  bool responded = false;  // a Response (CHAP) or Authenticate-Request (PAP) was seen
  std::uint8_t response_identifier = 0;
  std::vector<std::uint8_t> response;  // CHAP Response Value
  std::string user;                    // CHAP Response Name or PAP Peer-ID
  std::string password;                // PAP Password
  std::optional<bool> accepted;        // Success/Ack or Failure/Nak as sent by the authenticator
};

// What a packet changed that the owner has to act on.
enum class PppChange : std::uint8_t {
  kNone,
  kResponse,        // a new Response or Authenticate-Request: verify it
  kMppeNegotiated,  // a CCP Configure-Ack: MPPE starts afresh from the initial keys
};

class PppObserver {
 public:
  // Names and secrets beyond pppd's MAXWORDLEN cannot be in chap-secrets;
  // longer ones are cut so a hostile capture cannot grow the state.
  static constexpr std::size_t kMaxTextSize = 1024;

  PppChange on_control(Direction from, const PppDecoded& ppp);

  const AuthExchange& auth() const { return auth_; }
  const std::optional<ppp::MppeConfig>& mppe() const { return mppe_; }

 private:
  void on_lcp_ack(const PppDecoded& ppp);
  PppChange on_chap(Direction from, const wire::PppControlPacket& packet);
  PppChange on_pap(Direction from, const wire::PppControlPacket& packet);
  PppChange on_ccp_ack(const PppDecoded& ppp);

  AuthExchange auth_;
  std::optional<ppp::MppeConfig> mppe_;
};

}  // namespace pptpkit::tools
