#include "crypto/password.h"

#include <gtest/gtest.h>

#include <string>

#include "hex_util.h"

namespace pptpkit::crypto {
namespace {

using test::hex;
using test::to_vector;

std::vector<std::uint8_t> unicode(std::string_view utf8) {
  auto p = to_unicode_password(utf8);
  if (!p) throw std::runtime_error(std::string(to_string(p.error())));
  return to_vector(p->bytes());
}

// RFC 2433 appendix B.2: "MyPw" as the 0-to-256-unicode-char Password.
TEST(Password, AsciiBecomesUtf16le) {
  EXPECT_EQ(unicode("MyPw"), hex("4D 00 79 00 50 00 77 00"));
  EXPECT_EQ(unicode(""), hex(""));
}

TEST(Password, NonAsciiBecomesUtf16le) {
  EXPECT_EQ(unicode("\xC3\xA9"), hex("E9 00"));                // U+00E9 e acute
  EXPECT_EQ(unicode("\xE2\x82\xAC"), hex("AC 20"));            // U+20AC euro sign
  EXPECT_EQ(unicode("\xF0\x9F\x98\x80"), hex("3D D8 00 DE"));  // U+1F600, a surrogate pair
  EXPECT_EQ(unicode("a\xD0\x96z"), hex("61 00 16 04 7A 00"));  // U+0416 between ASCII
}

TEST(Password, RejectsIllFormedUtf8) {
  for (std::string_view bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\x80",
                               "\xC3", "\xE2\x82", "\xE2\x28\xA1"}) {
    auto p = to_unicode_password(bad);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error(), PasswordError::kInvalidUtf8);
  }
}

TEST(Password, AllowsAtMost256Utf16Units) {
  EXPECT_TRUE(to_unicode_password(std::string(256, 'x')));
  EXPECT_EQ(to_unicode_password(std::string(257, 'x')).error(), PasswordError::kTooLong);
  // 128 surrogate pairs are 256 units; one more character is too many.
  std::string emoji;
  for (int i = 0; i < 128; ++i) emoji += "\xF0\x9F\x98\x80";
  EXPECT_TRUE(to_unicode_password(emoji));
  EXPECT_EQ(to_unicode_password(emoji + "x").error(), PasswordError::kTooLong);
}

TEST(Password, LmFormIsUpperCasedAndPadded) {
  auto p = to_lm_password("MyPw1!z");
  ASSERT_TRUE(p);
  EXPECT_EQ(to_vector(p->octets()), hex("4D 59 50 57 31 21 5A 00 00 00 00 00 00 00"));
  EXPECT_TRUE(to_lm_password(std::string(14, 'a')));
  EXPECT_EQ(to_lm_password(std::string(15, 'a')).error(), PasswordError::kLmTooLong);
  EXPECT_EQ(to_lm_password("caf\xC3\xA9").error(), PasswordError::kLmNotAscii);
}

}  // namespace
}  // namespace pptpkit::crypto
