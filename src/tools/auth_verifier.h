// Checks a captured PAP or CHAP exchange against chap-secrets with the
// authenticator's own code (ppp::chap_answer, ppp::compare_chap_response),
// and yields the MS-CHAP key material MPPE's keys derive from (RFC 3079).
#pragma once

#include <optional>

#include "ppp/auth.h"
#include "ppp/secrets.h"
#include "tools/ppp_observer.h"

namespace pptpkit::tools {

struct AuthVerdict {
  bool verified = false;
  std::optional<ppp::MppeKeyMaterial> key_material;  // MS-CHAP, when verified
};

// The secret is looked up as the authenticator would (pppd's rules): client
// = the user name sent, server = the CHAP Challenge's Name. PAP names no
// authenticator, so only lines whose server is "*" apply. nullopt when the
// method or the exchange is incomplete, or no line has a secret for the user.
std::optional<AuthVerdict> verify_exchange(const AuthExchange& exchange, const ppp::SecretsSource& secrets);

}  // namespace pptpkit::tools
