#include "crypto/mppe_keys.h"

#include <stdexcept>

#include "crypto/digest.h"
#include "crypto/rc4.h"

namespace pptpkit::crypto {
namespace {

Bytes as_bytes(std::string_view s) {
  return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

// RFC 3079 3.4: the three constants, given there as octet tables of these
// ASCII texts.
constexpr std::string_view kMagic1 = "This is the MPPE Master Key";
constexpr std::string_view kMagic2 =
    "On the client side, this is the send key; on the server side, it is the receive key.";
constexpr std::string_view kMagic3 =
    "On the client side, this is the receive key; on the server side, it is the send key.";
static_assert(kMagic1.size() == 27 && kMagic2.size() == 84 && kMagic3.size() == 84);

// RFC 3079 3.4 SHSpad1/SHSpad2 (RFC 3078 7.3 SHApad1/SHApad2): 40 octets of
// 0x00 and of 0xF2.
constexpr std::size_t kShaPadSize = 40;
constexpr std::array<std::uint8_t, kShaPadSize> make_pad(std::uint8_t value) {
  std::array<std::uint8_t, kShaPadSize> pad{};
  for (auto& octet : pad) octet = value;
  return pad;
}
constexpr auto kShaPad1 = make_pad(0x00);
constexpr auto kShaPad2 = make_pad(0xF2);

MppeKey first_octets(const Sha1Digest& digest, std::size_t size) {
  return MppeKey(Bytes(digest).first(size));
}

void require_size(const MppeKey& key, std::size_t size, const char* what) {
  if (key.size() != size) throw std::invalid_argument(what);
}

// Key changes can happen for every packet (stateless mode), so the RC4
// context used for them is made once per thread.
Rc4& rekey_rc4() {
  thread_local Rc4 rc4;
  return rc4;
}

}  // namespace

std::string_view to_string(MppeStrength s) {
  switch (s) {
    case MppeStrength::k40Bit:
      return "40-bit";
    case MppeStrength::k56Bit:
      return "56-bit";
    case MppeStrength::k128Bit:
      return "128-bit";
  }
  return "unknown strength";
}

std::size_t mppe_key_size(MppeStrength s) { return s == MppeStrength::k128Bit ? 16 : 8; }

MppeKey::MppeKey(Bytes octets) {
  if (octets.size() != 8 && octets.size() != 16) throw std::invalid_argument("MppeKey: 8 or 16 octets");
  for (std::size_t i = 0; i < octets.size(); ++i) octets_[i] = octets[i];
  size_ = octets.size();
}

MasterKey get_master_key(PasswordHashView password_hash_hash, ResponseView nt_response) {
  const Sha1Digest digest = sha1({password_hash_hash, nt_response, as_bytes(kMagic1)});
  MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = digest[i];
  return key;
}

MppeKey get_asymmetric_start_key(const MasterKey& master_key, std::size_t session_key_length, bool is_send,
                                 bool is_server) {
  if (session_key_length != 8 && session_key_length != 16) {
    throw std::invalid_argument("get_asymmetric_start_key: length 8 or 16");
  }
  // The authenticator's send key is the peer's receive key and vice versa.
  const std::string_view magic = is_send == is_server ? kMagic3 : kMagic2;
  return first_octets(sha1({master_key, kShaPad1, as_bytes(magic), kShaPad2}), session_key_length);
}

MppeKey get_new_key_from_sha(const MppeKey& start_key, const MppeKey& session_key) {
  require_size(session_key, start_key.size(), "get_new_key_from_sha: keys of different sizes");
  return first_octets(sha1({start_key.bytes(), kShaPad1, session_key.bytes(), kShaPad2}), start_key.size());
}

MppeKey get_start_key(ChallengeView challenge, PasswordHashView nt_password_hash_hash) {
  return first_octets(sha1({nt_password_hash_hash, nt_password_hash_hash, challenge}), 16);
}

MppeKey get_key(const MppeKey& start_key, const MppeKey& session_key) {
  return get_new_key_from_sha(start_key, session_key);
}

MppeKey reduce_session_key(MppeKey key, MppeStrength strength) {
  if (strength == MppeStrength::k128Bit) return key;
  require_size(key, 8, "reduce_session_key: 40/56-bit keys have 8 octets");
  std::array<std::uint8_t, 8> octets{};
  for (std::size_t i = 0; i < octets.size(); ++i) octets[i] = key.bytes()[i];
  octets[0] = 0xD1;
  if (strength == MppeStrength::k40Bit) {
    octets[1] = 0x26;
    octets[2] = 0x9E;
  }
  return MppeKey(octets);
}

MppeKey next_key(const MppeKey& start_key, const MppeKey& session_key, MppeStrength strength) {
  const std::size_t size = mppe_key_size(strength);
  require_size(start_key, size, "next_key: start key size does not match the strength");
  require_size(session_key, size, "next_key: session key size does not match the strength");
  const MppeKey interim = get_new_key_from_sha(start_key, session_key);
  std::array<std::uint8_t, 16> octets{};
  const MutableBytes fresh = MutableBytes(octets).first(size);
  Rc4& rc4 = rekey_rc4();
  rc4.set_key(interim.bytes());
  rc4.process(interim.bytes(), fresh);
  return reduce_session_key(MppeKey(fresh), strength);
}

MppeKeys mppe_keys_mschap_v2(MppeRole role, MppeStrength strength, PasswordHashView password_hash_hash,
                             ResponseView nt_response) {
  const MasterKey master_key = get_master_key(password_hash_hash, nt_response);
  const std::size_t size = mppe_key_size(strength);
  const bool is_server = role == MppeRole::kAuthenticator;
  MppeKeys keys;
  keys.send.start_key = get_asymmetric_start_key(master_key, size, true, is_server);
  keys.receive.start_key = get_asymmetric_start_key(master_key, size, false, is_server);
  // RFC 3079 3.1-3.3: the first session key is GetNewKeyFromSHA of the start
  // key with itself, reduced; unlike later key changes, no RC4 step.
  for (MppeDirectionKeys* d : {&keys.send, &keys.receive}) {
    d->session_key = reduce_session_key(get_new_key_from_sha(d->start_key, d->start_key), strength);
  }
  return keys;
}

MppeKeys mppe_keys_mschap_v1(MppeStrength strength, PasswordHashView lm_password_hash,
                             PasswordHashView nt_password_hash_hash, ChallengeView challenge) {
  MppeDirectionKeys d;
  if (strength == MppeStrength::k128Bit) {
    // RFC 3079 2.3.
    d.start_key = get_start_key(challenge, nt_password_hash_hash);
  } else {
    // RFC 3079 2.1/2.2: the first 8 octets of the LM hash.
    d.start_key = MppeKey(Bytes(lm_password_hash).first(8));
  }
  d.session_key = reduce_session_key(get_key(d.start_key, d.start_key), strength);
  return MppeKeys{d, d};
}

}  // namespace pptpkit::crypto
