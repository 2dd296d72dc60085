// MD4 (RFC 1320), MD5 (RFC 1321) and SHA-1 (FIPS 180-4) over OpenSSL.
// MS-CHAP hashes passwords with MD4, and MS-CHAPv2 and MPPE derive keys with
// SHA-1 over several concatenated fields, hence the multi-part overloads:
// sha1({a, b, c}) hashes a || b || c without copying them together.
//
// Each thread keeps one reusable OpenSSL context per algorithm, so a call
// costs no fetch and no context allocation. Cannot fail (see library.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "base/bytes.h"

namespace pptpkit::crypto {

inline constexpr std::size_t kMd4Size = 16;
inline constexpr std::size_t kMd5Size = 16;
inline constexpr std::size_t kSha1Size = 20;

using Md4Digest = std::array<std::uint8_t, kMd4Size>;
using Md5Digest = std::array<std::uint8_t, kMd5Size>;
using Sha1Digest = std::array<std::uint8_t, kSha1Size>;

Md4Digest md4(Bytes data);
Md4Digest md4(std::initializer_list<Bytes> parts);
Md5Digest md5(Bytes data);
Md5Digest md5(std::initializer_list<Bytes> parts);
Sha1Digest sha1(Bytes data);
Sha1Digest sha1(std::initializer_list<Bytes> parts);

}  // namespace pptpkit::crypto
