#include "crypto/digest.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/library.h"
#include "hex_util.h"

namespace pptpkit::crypto {
namespace {

using test::hex;
using test::text;
using test::to_vector;

TEST(CryptoLibrary, InitializesWithTheLegacyProvider) {
  const auto status = initialize();
  ASSERT_TRUE(status) << to_string(status.error()) << ": " << initialize_detail();
  EXPECT_TRUE(initialize());  // idempotent
  EXPECT_EQ(initialize_detail(), "");
}

// RFC 1320 appendix A.5 test suite.
TEST(Md4, Rfc1320TestSuite) {
  EXPECT_EQ(to_vector(md4(text(""))), hex("31d6cfe0d16ae931b73c59d7e0c089c0"));
  EXPECT_EQ(to_vector(md4(text("a"))), hex("bde52cb31de33e46245e05fbdbd6fb24"));
  EXPECT_EQ(to_vector(md4(text("abc"))), hex("a448017aaf21d8525fc10ae87aa6729d"));
  EXPECT_EQ(to_vector(md4(text("message digest"))), hex("d9130a8164549fe818874806e1c7014b"));
  EXPECT_EQ(to_vector(md4(text("abcdefghijklmnopqrstuvwxyz"))), hex("d79e1c308aa5bbcdeea8ed63df412da9"));
  EXPECT_EQ(to_vector(md4(text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))),
            hex("043f8582f241db351ce627e153e7f0e4"));
  EXPECT_EQ(to_vector(md4(
                text("12345678901234567890123456789012345678901234567890123456789012345678901234567890"))),
            hex("e33b4ddc9c38f2199c3e7b164fcc0536"));
}

// RFC 1321 appendix A.5 test suite.
TEST(Md5, Rfc1321TestSuite) {
  EXPECT_EQ(to_vector(md5(text(""))), hex("d41d8cd98f00b204e9800998ecf8427e"));
  EXPECT_EQ(to_vector(md5(text("a"))), hex("0cc175b9c0f1b6a831c399e269772661"));
  EXPECT_EQ(to_vector(md5(text("abc"))), hex("900150983cd24fb0d6963f7d28e17f72"));
  EXPECT_EQ(to_vector(md5(text("message digest"))), hex("f96b697d7cb7938d525a2f31aaf161d0"));
  EXPECT_EQ(to_vector(md5(text("abcdefghijklmnopqrstuvwxyz"))), hex("c3fcd3d76192e4007dfb496cca67e13b"));
  EXPECT_EQ(to_vector(md5(
                text("12345678901234567890123456789012345678901234567890123456789012345678901234567890"))),
            hex("57edf4a22be3c955ac49da2e2107b67a"));
}

// FIPS 180 examples: one block, two blocks, a million "a".
TEST(Sha1, Fips180Examples) {
  EXPECT_EQ(to_vector(sha1(text("abc"))), hex("a9993e364706816aba3e25717850c26c9cd0d89d"));
  EXPECT_EQ(to_vector(sha1(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            hex("84983e441c3bd26ebaae4aa1f95129e5e54670f1"));
  const std::string million(1000000, 'a');
  EXPECT_EQ(to_vector(sha1(text(million))), hex("34aa973cd4c4daa4f61eeb2bdbad27316534016f"));
}

TEST(Digest, PartsHashLikeTheirConcatenation) {
  EXPECT_EQ(sha1({text("ab"), text(""), text("c")}), sha1(text("abc")));
  EXPECT_EQ(md4({text("message "), text("digest")}), md4(text("message digest")));
  EXPECT_EQ(md5({text("a"), text("bc")}), md5(text("abc")));
}

TEST(Digest, ReusedContextsGiveIndependentResults) {
  // The per-thread context is reused: a hash must not leak into the next.
  const auto first = sha1(text("abc"));
  (void)sha1(text("something else"));
  EXPECT_EQ(sha1(text("abc")), first);
}

}  // namespace
}  // namespace pptpkit::crypto
