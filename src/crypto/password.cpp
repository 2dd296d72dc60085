#include "crypto/password.h"

#include <openssl/crypto.h>

namespace pptpkit::crypto {
namespace {

// Decodes the code point starting at s[i] and advances i; returns false for
// anything RFC 3629 calls ill-formed.
bool next_code_point(std::string_view s, std::size_t& i, char32_t& out) {
  const auto lead = static_cast<std::uint8_t>(s[i]);
  std::size_t extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    out = lead;
    ++i;
    return true;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    cp = lead & 0x1Fu;
    min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0Fu;
    min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    cp = lead & 0x07u;
    min = 0x10000;
  } else {
    return false;  // continuation octet or 0xF8..0xFF as a lead
  }
  if (s.size() - i <= extra) return false;
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto c = static_cast<std::uint8_t>(s[i + k]);
    if ((c & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  out = cp;
  i += extra + 1;
  return true;
}

}  // namespace

std::string_view to_string(PasswordError e) {
  switch (e) {
    case PasswordError::kInvalidUtf8:
      return "password is not valid UTF-8";
    case PasswordError::kTooLong:
      return "password is longer than 256 UTF-16 characters";
    case PasswordError::kLmNotAscii:
      return "password has non-ASCII characters, which have no LAN Manager form";
    case PasswordError::kLmTooLong:
      return "password is longer than the 14 characters of a LAN Manager password";
  }
  return "unknown password error";
}

UnicodePassword::~UnicodePassword() { OPENSSL_cleanse(octets_.data(), octets_.size()); }
LmPassword::~LmPassword() { OPENSSL_cleanse(octets_.data(), octets_.size()); }

Result<UnicodePassword, PasswordError> to_unicode_password(std::string_view utf8) {
  UnicodePassword p;
  auto put_unit = [&p](char32_t unit) {
    if (p.size_ + 2 > p.octets_.size()) return false;
    p.octets_[p.size_++] = static_cast<std::uint8_t>(unit & 0xFF);
    p.octets_[p.size_++] = static_cast<std::uint8_t>(unit >> 8);
    return true;
  };
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = 0;
    if (!next_code_point(utf8, i, cp)) return Unexpected{PasswordError::kInvalidUtf8};
    bool fits = true;
    if (cp < 0x10000) {
      fits = put_unit(cp);
    } else {
      const char32_t v = cp - 0x10000;
      fits = put_unit(0xD800 + (v >> 10)) && put_unit(0xDC00 + (v & 0x3FF));
    }
    if (!fits) return Unexpected{PasswordError::kTooLong};
  }
  return p;
}

Result<LmPassword, PasswordError> to_lm_password(std::string_view utf8) {
  LmPassword p;
  if (utf8.size() > kLmPasswordSize) {
    for (char c : utf8) {
      if (static_cast<std::uint8_t>(c) >= 0x80) return Unexpected{PasswordError::kLmNotAscii};
    }
    return Unexpected{PasswordError::kLmTooLong};
  }
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<std::uint8_t>(utf8[i]);
    if (c >= 0x80) return Unexpected{PasswordError::kLmNotAscii};
    if (c >= 'a' && c <= 'z') c = static_cast<std::uint8_t>(c - 'a' + 'A');
    p.octets_[i] = c;
  }
  return p;
}

}  // namespace pptpkit::crypto
