// PPP authentication (RFC 1661 section 3.5, the Authenticate phase): the
// methods pptpkit speaks, their Authentication-Protocol option (RFC 1661
// 6.2), and what an exchange yields. The automata are in
// auth_authenticator.h (the side that asks) and auth_peer.h (the side that
// proves); both are sans-I/O and driven the same way:
//
//   start(now); then on_packet(now, information) for each received PAP or
//   CHAP frame, on_timeout(now) when now >= next_deadline(); after each
//   call send every poll_packet() as a frame of protocol(), and stop when
//   state() is kSucceeded or kFailed (outcome() says why).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "crypto/mppe_keys.h"
#include "crypto/mschap.h"
#include "ppp/secrets.h"
#include "wire/ppp_options.h"

namespace pptpkit::ppp {

enum class AuthMethod : std::uint8_t { kPap, kChapMd5, kMsChapV1, kMsChapV2 };

std::string_view to_string(AuthMethod m);

// The PPP protocol the method's packets travel in: 0xC023 (PAP) or 0xC223.
std::uint16_t auth_protocol(AuthMethod m);

// The Authentication-Protocol option naming the method (RFC 1661 6.2; CHAP
// Algorithm 0x05, 0x80, 0x81 per RFC 1994 3, RFC 2433 2, RFC 2759 2). The
// data view points to static storage.
wire::AuthenticationProtocolOption auth_option(AuthMethod m);

// The method an Authentication-Protocol option asks for, if pptpkit speaks it.
std::optional<AuthMethod> auth_method(const wire::AuthenticationProtocolOption& option);

// Retransmission policy: RFC 1994 4.1 (Restart timer, authenticator) and
// RFC 1334 2.2.1 (peer); pppd's defaults (chap-restart 3, chap-max-challenge
// 10, pap-restart 3, pap-max-authreq 10).
struct AuthTiming {
  std::chrono::nanoseconds restart = std::chrono::seconds(3);
  unsigned max_tries = 10;
};

enum class AuthState : std::uint8_t { kIdle, kInProgress, kSucceeded, kFailed };

enum class AuthFailure : std::uint8_t {
  kNone,
  kTimeout,                   // the other side stopped answering after max_tries
  kUnknownUser,               // authenticator: no secret for the peer's name
  kWrongPassword,             // authenticator: the response or password does not match
  kUnsupportedResponse,       // authenticator: MS-CHAPv1 LM-only response (not accepted)
  kRejected,                  // peer: the authenticator refused (Nak, Failure, E=691)
  kRestrictedLogonHours,      // peer: E=646
  kAccountDisabled,           // peer: E=647
  kPasswordExpired,           // peer: E=648
  kNoDialinPermission,        // peer: E=649
  kBadAuthenticatorResponse,  // peer: MS-CHAPv2 Success without the right S= (RFC 2759 8.8)
  kInvalidCredentials,        // the name or password cannot be used by this method
};

std::string_view to_string(AuthFailure f);

// What MPPE key derivation (RFC 3079) needs from an MS-CHAP exchange.
struct MppeKeyMaterial {
  AuthMethod method = AuthMethod::kMsChapV2;
  crypto::PasswordHash nt_password_hash_hash{};          // HashNtPasswordHash(NtPasswordHash(password))
  crypto::Response nt_response{};                        // MS-CHAPv2: the peer's NT-Response
  crypto::Challenge challenge{};                         // MS-CHAPv1: the authenticator's challenge
  std::optional<crypto::PasswordHash> lm_password_hash;  // MS-CHAPv1, if the password has an LM form
};

// The initial MPPE keys of one endpoint (RFC 3079 sections 2 and 3);
// nullopt for MS-CHAPv1 at 40 or 56 bits when the password has no LAN
// Manager form (RFC 3079 2.1, 2.2 derive those keys from the LM hash).
std::optional<crypto::MppeKeys> mppe_keys(const MppeKeyMaterial& material, crypto::MppeRole role,
                                          crypto::MppeStrength strength);

struct AuthOutcome {
  AuthFailure failure = AuthFailure::kNone;
  std::string user_name;                        // the name authenticated (authenticator) or sent (peer)
  std::string message;                          // the other side's message text, if any
  std::optional<std::uint32_t> mschap_error;    // MS-CHAP Failure E= code (RFC 2433 2.2, RFC 2759 6)
  std::optional<MppeKeyMaterial> key_material;  // MS-CHAP methods, on success
  AllowedAddresses addresses;                   // authenticator: the secret's allowed addresses
};

}  // namespace pptpkit::ppp
