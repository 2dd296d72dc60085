// MPPE session keys: their derivation from MS-CHAP credentials (RFC 3079
// sections 2 and 3) and the key change every MPPE session performs (RFC 3078
// section 7.3). Function names are the RFCs' pseudo-code names in snake_case;
// mppe_keys_mschap_v1/v2() and next_key() are what a PPP session calls.
//
// Key sizes: 40- and 56-bit MPPE use 8-octet keys whose first octets are
// overwritten with fixed values (so only 40 or 56 bits are secret); 128-bit
// MPPE uses 16-octet keys.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "crypto/mschap.h"

namespace pptpkit::crypto {

enum class MppeStrength : std::uint8_t { k40Bit, k56Bit, k128Bit };

std::string_view to_string(MppeStrength s);

// 8 for 40 and 56 bits, 16 for 128 bits.
std::size_t mppe_key_size(MppeStrength s);

// RFC 3079's IsServer: the PPP authenticator is the "server" side.
enum class MppeRole : std::uint8_t { kAuthenticator, kPeer };

// An MPPE start or session key: 8 or 16 octets.
class MppeKey {
 public:
  MppeKey() = default;
  // Throws std::invalid_argument unless octets has 8 or 16 octets.
  explicit MppeKey(Bytes octets);

  Bytes bytes() const { return Bytes(octets_.data(), size_); }
  std::size_t size() const { return size_; }

  friend bool operator==(const MppeKey& a, const MppeKey& b) = default;

 private:
  std::array<std::uint8_t, 16> octets_{};
  std::size_t size_ = 0;
};

// One direction: the start key (kept for every later key change) and the
// session key RC4 is currently keyed with.
struct MppeDirectionKeys {
  MppeKey start_key;
  MppeKey session_key;

  friend bool operator==(const MppeDirectionKeys& a, const MppeDirectionKeys& b) = default;
};

// Initial keys for the send and the receive direction of one endpoint.
struct MppeKeys {
  MppeDirectionKeys send;
  MppeDirectionKeys receive;

  friend bool operator==(const MppeKeys& a, const MppeKeys& b) = default;
};

// --- session API -----------------------------------------------------------

// RFC 3079 section 3: keys after MS-CHAPv2. password_hash_hash is
// HashNtPasswordHash(NtPasswordHash(password)); nt_response is the peer's
// NT-Response. The peer's send keys are the authenticator's receive keys.
MppeKeys mppe_keys_mschap_v2(MppeRole role, MppeStrength strength, PasswordHashView password_hash_hash,
                             ResponseView nt_response);

// RFC 3079 section 2: keys after MS-CHAPv1, the same in both directions.
// 40 and 56 bits derive from the LM hash, 128 bits from the NT hash's hash
// and the authenticator's 8-octet challenge; the unused input is ignored.
MppeKeys mppe_keys_mschap_v1(MppeStrength strength, PasswordHashView lm_password_hash,
                             PasswordHashView nt_password_hash_hash, ChallengeView challenge);

// RFC 3078 7.3 key change: GetNewKeyFromSHA(start, current), RC4-encrypt that
// interim key with itself, then reduce to the strength. Both keys must have
// mppe_key_size(strength) octets (else std::invalid_argument).
MppeKey next_key(const MppeKey& start_key, const MppeKey& session_key, MppeStrength strength);

// --- RFC 3079 building blocks ------------------------------------------------

using MasterKey = std::array<std::uint8_t, 16>;

// RFC 3079 3.4 GetMasterKey: first 16 octets of
// SHA-1(PasswordHashHash || NTResponse || Magic1).
MasterKey get_master_key(PasswordHashView password_hash_hash, ResponseView nt_response);

// RFC 3079 3.4 GetAsymmetricStartKey: the first session_key_length (8 or 16)
// octets of SHA-1(MasterKey || SHSpad1 || Magic2 or Magic3 || SHSpad2).
MppeKey get_asymmetric_start_key(const MasterKey& master_key, std::size_t session_key_length, bool is_send,
                                 bool is_server);

// RFC 3079 3.4 GetNewKeyFromSHA (RFC 3078 7.3): SHA-1(StartKey || SHApad1 ||
// SessionKey || SHApad2) cut to the keys' length. Keys of equal size only.
MppeKey get_new_key_from_sha(const MppeKey& start_key, const MppeKey& session_key);

// RFC 3079 2.4 GetStartKey (MS-CHAPv1, 128-bit): first 16 octets of
// SHA-1(NtPasswordHashHash || NtPasswordHashHash || Challenge).
MppeKey get_start_key(ChallengeView challenge, PasswordHashView nt_password_hash_hash);

// RFC 3079 2.4 GetKey: the MS-CHAPv1 name of get_new_key_from_sha().
MppeKey get_key(const MppeKey& start_key, const MppeKey& session_key);

// RFC 3079 2.1/2.2/3.1/3.2: 40 bits set the first three octets to D1 26 9E,
// 56 bits the first octet to D1; 128-bit keys are returned unchanged.
MppeKey reduce_session_key(MppeKey key, MppeStrength strength);

}  // namespace pptpkit::crypto
