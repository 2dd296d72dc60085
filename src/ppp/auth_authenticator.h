// The authenticator (server) side of PAP (RFC 1334 section 2) and the CHAP
// family (RFC 1994, RFC 2433, RFC 2759): it asks, checks against a
// SecretsSource and announces the result. Driven as auth.h describes.
//
// CHAP: start() sends a Challenge drawn from the RandomSource and resends
// the same one (same Identifier) each restart interval until a Response
// arrives, giving up after max_tries. PAP: start() waits for an
// Authenticate-Request for max_tries restart intervals. A repeated Response
// or Request after the verdict gets the verdict again (RFC 1994 4.2).
// Failed attempts: up to max_failures; before the last one PAP Naks and
// waits for another Request, CHAP sends Failure (MS-CHAP: R=1 and the next
// challenge in C=) and then a new Challenge with the next Identifier.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/random.h"
#include "base/time.h"
#include "ppp/auth.h"
#include "ppp/auth_session.h"
#include "ppp/secrets.h"
#include "wire/ppp_control.h"

namespace pptpkit::ppp {

struct AuthenticatorConfig {
  AuthMethod method = AuthMethod::kMsChapV2;
  std::string name;  // CHAP Name field, and the "server" of secrets lookups
  AuthTiming timing;
  unsigned max_failures = 1;
  std::string success_message = "Access granted";
  std::string failure_message = "Access denied";
};

class Authenticator : public AuthSession {
 public:
  // `secrets` and `random` must outlive the object.
  Authenticator(AuthenticatorConfig config, const SecretsSource& secrets, RandomSource& random);

  void start(Timestamp now);
  // A received PAP or CHAP Information field; malformed or unexpected
  // packets are ignored (RFC 1661 section 5).
  void on_packet(Timestamp now, Bytes information);
  void on_timeout(Timestamp now);

 private:
  void send_challenge(Timestamp now);
  void queue_challenge();
  void on_pap_request(Timestamp now, const wire::PppControlPacket& packet);
  void on_chap_response(Timestamp now, const wire::PppControlPacket& packet);
  // Sends the verdict for `identifier` and remembers it for repeats.
  void reply(std::uint8_t identifier, bool success, std::string message);
  void resend_verdict(std::uint8_t identifier);
  void record_failure(Timestamp now, std::uint8_t identifier, AuthFailure why);
  std::string chap_failure_text(bool retry) const;

  AuthenticatorConfig config_;
  const SecretsSource& secrets_;
  RandomSource& random_;
  std::uint8_t identifier_ = 0;
  std::vector<std::uint8_t> challenge_;
  std::vector<std::uint8_t> next_challenge_;  // MS-CHAP retry: announced in C=
  unsigned failures_ = 0;
  bool verdict_sent_ = false;
  bool verdict_success_ = false;
  std::string verdict_message_;
};

}  // namespace pptpkit::ppp
