// Everything a Link is configured with, and what it needs from its owner.
// Defaults are the secure ones: MS-CHAPv2 and 128-bit MPPE required.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "ppp/auth.h"
#include "ppp/ccp.h"
#include "ppp/close_reason.h"
#include "ppp/fsm.h"
#include "ppp/ipcp.h"
#include "ppp/keepalive.h"
#include "ppp/lcp_options.h"
#include "ppp/role.h"
#include "ppp/secrets.h"

namespace pptpkit::ppp {

struct LinkConfig {
  Role role = Role::kAuthenticator;
  LcpConfig lcp;
  CcpConfig ccp;
  IpcpConfig ipcp;
  bool ipv6 = false;  // run IPV6CP next to IPCP
  KeepaliveConfig keepalive;
  FsmLimits limits;

  // Authentication: the authenticator's CHAP name (and the "server" column
  // of chap-secrets), or the peer's credentials.
  std::string name = "pptpkit";
  std::string user;
  std::string password;
  AuthTiming auth_timing;
  unsigned max_auth_failures = 1;
};

// Configurations that can never bring a link up, whatever the peer does.
enum class LinkConfigError : std::uint8_t {
  kMppeWithoutMsChap,  // MPPE required, but no MS-CHAP method allowed: its keys come only from MS-CHAP
  kNoMppeStrength,     // MPPE not refused, but neither 40, 56 nor 128 bits allowed
  kMinMruAboveMru,     // lcp.min_mru above lcp.mru: we would refuse our own MRU
};

std::string_view to_string(LinkConfigError e);

// To be called before building a Link from `config`: RFC 3079 derives the
// MPPE keys from the MS-CHAP exchange, so PAP or CHAP-MD5 (or no
// authentication) with MPPE required could only ever end in "MPPE required
// but peer refused" once the peer is authenticated. A mix of methods that
// includes MS-CHAP is valid; the method LCP agrees on decides at run time.
Status<LinkConfigError> validate(const LinkConfig& config);

// The authenticator's source of addresses (a pool or the secrets file's
// static address; both belong to the owner, not to the link).
class AddressProvider {
 public:
  virtual ~AddressProvider() = default;
  // Addresses for the authenticated `user`, whose chap-secrets entry allows
  // `allowed` (nothing is known when no authentication ran); an error closes
  // the link with that reason (kNoAddress, kTooManySessions), which the
  // peer sees in the Terminate-Request.
  virtual Result<Ipv4Assignment, CloseReason> assign(std::string_view user,
                                                     const AllowedAddresses& allowed) = 0;
};

// What an authenticator link needs besides its configuration.
struct AuthenticatorServices {
  const SecretsSource& secrets;
  AddressProvider& addresses;
};

}  // namespace pptpkit::ppp
