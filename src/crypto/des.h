// Single DES in ECB mode, one 8-octet block at a time, as MS-CHAP uses it:
// RFC 2433 appendix A (DesEncrypt, DesHash) and RFC 2759 section 8.6.
// MS-CHAP keys are 7 octets (56 bits); DES wants 8 with a parity bit in the
// low bit of each octet, which des_key_with_parity() inserts. Cannot fail
// (see library.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace pptpkit::crypto {

inline constexpr std::size_t kDesBlockSize = 8;
inline constexpr std::size_t kDesKey56Size = 7;

using DesBlock = std::array<std::uint8_t, kDesBlockSize>;

// Spreads the 56 key bits over 8 octets, 7 bits each from the most
// significant end, and sets each octet's low bit for odd parity (the
// "parity-corrected DES key" of RFC 2433 appendix B.2). DES ignores parity;
// odd parity keeps the key valid for implementations that check it.
DesBlock des_key_with_parity(std::span<const std::uint8_t, kDesKey56Size> key);

// Encrypts one block under an 8-octet DES key (parity bits ignored).
DesBlock des_ecb_encrypt(std::span<const std::uint8_t, kDesBlockSize> clear,
                         std::span<const std::uint8_t, kDesBlockSize> key);

// RFC 2433 appendix A / RFC 2759 section 8.6 DesEncrypt(Clear, Key, Cypher):
// Clear encrypted under a 7-octet key.
DesBlock des_encrypt(std::span<const std::uint8_t, kDesBlockSize> clear,
                     std::span<const std::uint8_t, kDesKey56Size> key);

}  // namespace pptpkit::crypto
