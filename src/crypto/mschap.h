// MS-CHAP response computations: version 1 (RFC 2433 appendix A) and
// version 2 (RFC 2759 section 8). Function names are the RFCs' pseudo-code
// names in snake_case. Challenges are inputs: this layer draws no random
// numbers, the caller does.
//
// Functions the RFCs define over the clear-text password take it as UTF-8
// and can fail on its encoding (password.h); the rest take the 16-octet
// PasswordHash so an authenticator can store NT hashes instead of passwords.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/des.h"
#include "crypto/password.h"

namespace pptpkit::crypto {

inline constexpr std::size_t kPasswordHashSize = 16;
inline constexpr std::size_t kChallengeSize = 8;               // MS-CHAPv1 challenge, ChallengeHash output
inline constexpr std::size_t kMschapV2ChallengeSize = 16;      // Authenticator and Peer Challenge
inline constexpr std::size_t kResponseSize = 24;               // NT-Response, LM response
inline constexpr std::size_t kAuthenticatorResponseSize = 42;  // "S=" and 40 hex digits

using PasswordHash = std::array<std::uint8_t, kPasswordHashSize>;
using Challenge = std::array<std::uint8_t, kChallengeSize>;
using Response = std::array<std::uint8_t, kResponseSize>;

using PasswordHashView = std::span<const std::uint8_t, kPasswordHashSize>;
using ChallengeView = std::span<const std::uint8_t, kChallengeSize>;
using MschapV2ChallengeView = std::span<const std::uint8_t, kMschapV2ChallengeSize>;
using ResponseView = std::span<const std::uint8_t, kResponseSize>;

// --- shared by both versions ---------------------------------------------

// RFC 2759 8.3 / RFC 2433 appendix A NtPasswordHash: MD4 of the UTF-16LE password.
Result<PasswordHash, PasswordError> nt_password_hash(std::string_view password);

// RFC 2759 8.5 / RFC 2433 appendix A ChallengeResponse: the hash, zero padded
// to 21 octets, as three 7-octet DES keys each encrypting the challenge.
Response challenge_response(ChallengeView challenge, PasswordHashView password_hash);

// --- MS-CHAPv2 (RFC 2759) --------------------------------------------------

// RFC 2759 8.4 HashNtPasswordHash: MD4 of the hash.
PasswordHash hash_nt_password_hash(PasswordHashView password_hash);

// RFC 2759 8.2 ChallengeHash: first 8 octets of
// SHA-1(PeerChallenge || AuthenticatorChallenge || UserName). UserName is the
// name as the peer sent it, minus any domain (user_name_without_domain()).
Challenge challenge_hash(MschapV2ChallengeView peer_challenge, MschapV2ChallengeView authenticator_challenge,
                         std::string_view user_name);

// RFC 2759 8.2: "excluding any prepended domain name" - the part after the
// last backslash ("DOMAIN\user" -> "user").
std::string_view user_name_without_domain(std::string_view user_name);

// RFC 2759 8.1 GenerateNTResponse, from the password's hash.
Response generate_nt_response(MschapV2ChallengeView authenticator_challenge,
                              MschapV2ChallengeView peer_challenge, std::string_view user_name,
                              PasswordHashView password_hash);

// The authenticator's check of a peer's NT-Response: recomputes it and
// compares in constant time.
bool check_nt_response(MschapV2ChallengeView authenticator_challenge, MschapV2ChallengeView peer_challenge,
                       std::string_view user_name, PasswordHashView password_hash,
                       Bytes received_nt_response);

// RFC 2759 8.7 GenerateAuthenticatorResponse: "S=" and 40 upper-case hex
// digits, proving to the peer that the authenticator knows the password.
std::string generate_authenticator_response(PasswordHashView password_hash, ResponseView nt_response,
                                            MschapV2ChallengeView peer_challenge,
                                            MschapV2ChallengeView authenticator_challenge,
                                            std::string_view user_name);

// RFC 2759 8.8 CheckAuthenticatorResponse: the peer's check of the 42
// characters received in the Success packet (hex digits in either case),
// in constant time.
bool check_authenticator_response(PasswordHashView password_hash, ResponseView nt_response,
                                  MschapV2ChallengeView peer_challenge,
                                  MschapV2ChallengeView authenticator_challenge, std::string_view user_name,
                                  std::string_view received);

// --- MS-CHAPv1 (RFC 2433 appendix A) ----------------------------------------

// DesHash: the 7-octet key encrypts the constant "KGS!@#$%".
DesBlock des_hash(std::span<const std::uint8_t, kDesKey56Size> clear);

// LmPasswordHash: DesHash of each 7-octet half of the upper-cased, NUL
// padded 14-octet password. ASCII passwords of up to 14 characters only.
Result<PasswordHash, PasswordError> lm_password_hash(std::string_view password);

// LmChallengeResponse: ChallengeResponse over the LM hash.
Result<Response, PasswordError> lm_challenge_response(ChallengeView challenge, std::string_view password);

// NtChallengeResponse: ChallengeResponse over the NT hash.
Result<Response, PasswordError> nt_challenge_response(ChallengeView challenge, std::string_view password);

}  // namespace pptpkit::crypto
