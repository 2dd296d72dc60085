// The two text forms MS-CHAP hashes a password in. Passwords reach pptpkit
// as UTF-8 (configuration files, command lines); MS-CHAP wants
//  - UTF-16LE ("0-to-256-unicode-char Password") for the NT hash,
//    RFC 2433 appendix A.2 and RFC 2759 section 8.3, and
//  - the upper-cased OEM code-page text, NUL padded to 14 octets, for the
//    LAN Manager hash, RFC 2433 appendix A.3.
// The OEM code page is a property of the Windows installation; only ASCII is
// the same in all of them, so a password with other characters has no LM
// form here (MS-CHAPv1 peers then rely on the NT response alone).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace pptpkit::crypto {

enum class PasswordError : std::uint8_t {
  kInvalidUtf8,  // not well-formed UTF-8 (RFC 3629): bad sequence, overlong, surrogate, > U+10FFFF
  kTooLong,      // more than 256 UTF-16 code units
  kLmNotAscii,   // LM form wanted for a password with non-ASCII characters
  kLmTooLong,    // LM form wanted for a password longer than 14 characters
};

std::string_view to_string(PasswordError e);

inline constexpr std::size_t kMaxPasswordUnits = 256;  // UTF-16 code units
inline constexpr std::size_t kLmPasswordSize = 14;

// A password as UTF-16LE octets. The buffer is wiped when destroyed.
class UnicodePassword {
 public:
  UnicodePassword() = default;
  ~UnicodePassword();
  UnicodePassword(const UnicodePassword& other) = default;
  UnicodePassword& operator=(const UnicodePassword& other) = default;

  Bytes bytes() const { return Bytes(octets_.data(), size_); }

 private:
  friend Result<UnicodePassword, PasswordError> to_unicode_password(std::string_view utf8);
  std::array<std::uint8_t, 2 * kMaxPasswordUnits> octets_{};
  std::size_t size_ = 0;
};

// A password upper-cased and NUL padded to 14 octets. Wiped when destroyed.
class LmPassword {
 public:
  LmPassword() = default;
  ~LmPassword();
  LmPassword(const LmPassword& other) = default;
  LmPassword& operator=(const LmPassword& other) = default;

  const std::array<std::uint8_t, kLmPasswordSize>& octets() const { return octets_; }

 private:
  friend Result<LmPassword, PasswordError> to_lm_password(std::string_view utf8);
  std::array<std::uint8_t, kLmPasswordSize> octets_{};
};

// UTF-8 to UTF-16LE; characters beyond U+FFFF become surrogate pairs.
Result<UnicodePassword, PasswordError> to_unicode_password(std::string_view utf8);

// ASCII upper-casing into the 14-octet LM field.
Result<LmPassword, PasswordError> to_lm_password(std::string_view utf8);

}  // namespace pptpkit::crypto
