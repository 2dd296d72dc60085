#include "crypto/rc4.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "hex_util.h"

namespace pptpkit::crypto {
namespace {

using test::hex;

std::vector<std::uint8_t> keystream(Rc4& rc4, std::size_t n) {
  std::vector<std::uint8_t> out(n, 0);
  rc4.process(out);
  return out;
}

std::vector<std::uint8_t> slice(const std::vector<std::uint8_t>& v, std::size_t offset) {
  return {v.begin() + static_cast<std::ptrdiff_t>(offset),
          v.begin() + static_cast<std::ptrdiff_t>(offset + 16)};
}

// RFC 6229 section 2, 40-bit key 0x0102030405.
TEST(Rc4, Rfc6229FortyBitKey) {
  Rc4 rc4(hex("0102030405"));
  const auto ks = keystream(rc4, 272);
  EXPECT_EQ(slice(ks, 0), hex("b2 39 63 05 f0 3d c0 27 cc c3 52 4a 0a 11 18 a8"));
  EXPECT_EQ(slice(ks, 16), hex("69 82 94 4f 18 fc 82 d5 89 c4 03 a4 7a 0d 09 19"));
  EXPECT_EQ(slice(ks, 240), hex("28 cb 11 32 c9 6c e2 86 42 1d ca ad b8 b6 9e ae"));
  EXPECT_EQ(slice(ks, 256), hex("1c fc f6 2b 03 ed db 64 1d 77 df cf 7f 8d 8c 93"));
}

// RFC 6229 section 2, 56-bit key 0x01020304050607 and 128-bit key 0x0102..10:
// a key length change re-keys the same object correctly.
TEST(Rc4, Rfc6229OtherKeyLengthsOnOneObject) {
  Rc4 rc4(hex("01020304050607"));
  auto ks = keystream(rc4, 32);
  EXPECT_EQ(slice(ks, 0), hex("29 3f 02 d4 7f 37 c9 b6 33 f2 af 52 85 fe b4 6b"));
  EXPECT_EQ(slice(ks, 16), hex("e6 20 f1 39 0d 19 bd 84 e2 e0 fd 75 20 31 af c1"));
  rc4.set_key(hex("0102030405060708090a0b0c0d0e0f10"));
  ks = keystream(rc4, 32);
  EXPECT_EQ(slice(ks, 0), hex("9a c7 cc 9a 60 9d 1e f7 b2 93 28 99 cd e4 1b 97"));
  EXPECT_EQ(slice(ks, 16), hex("52 48 c4 95 90 14 12 6a 6e 8a 84 f1 1d 1a 9e 1c"));
}

TEST(Rc4, StateContinuesAcrossCalls) {
  Rc4 whole(hex("0102030405"));
  const auto expected = keystream(whole, 272);
  Rc4 pieces(hex("0102030405"));
  std::vector<std::uint8_t> got;
  for (std::size_t n : {1u, 15u, 0u, 100u, 156u}) {
    const auto part = keystream(pieces, n);
    got.insert(got.end(), part.begin(), part.end());
  }
  EXPECT_EQ(got, expected);
}

TEST(Rc4, ProcessesInPlaceAndOutOfPlaceAlike) {
  const auto plain = hex("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 01");
  Rc4 a(hex("0102030405"));
  std::vector<std::uint8_t> out(plain.size());
  a.process(plain, out);
  Rc4 b(hex("0102030405"));
  auto in_place = plain;
  b.process(in_place);
  EXPECT_EQ(in_place, out);
  // Decryption is the same operation with a fresh stream.
  Rc4 c(hex("0102030405"));
  c.process(in_place);
  EXPECT_EQ(in_place, plain);
}

TEST(Rc4, SetKeyRestartsTheStream) {
  Rc4 rc4(hex("0102030405"));
  const auto first = keystream(rc4, 16);
  (void)keystream(rc4, 50);
  rc4.set_key(hex("0102030405"));
  EXPECT_EQ(keystream(rc4, 16), first);
}

TEST(Rc4, MovedObjectKeepsItsStream) {
  Rc4 a(hex("0102030405"));
  (void)keystream(a, 16);
  Rc4 b(std::move(a));
  EXPECT_EQ(keystream(b, 16), hex("69 82 94 4f 18 fc 82 d5 89 c4 03 a4 7a 0d 09 19"));
  Rc4 c;
  c = std::move(b);
  EXPECT_TRUE(c.has_key());
}

TEST(Rc4, RejectsMisuse) {
  Rc4 rc4;
  EXPECT_FALSE(rc4.has_key());
  std::vector<std::uint8_t> buf(4);
  EXPECT_THROW(rc4.process(buf), std::logic_error);
  EXPECT_THROW(rc4.set_key({}), std::invalid_argument);
  EXPECT_THROW(rc4.set_key(std::vector<std::uint8_t>(257, 1)), std::invalid_argument);
  rc4.set_key(std::vector<std::uint8_t>(256, 1));
  std::vector<std::uint8_t> shorter(3);
  EXPECT_THROW(rc4.process(buf, shorter), std::invalid_argument);
}

}  // namespace
}  // namespace pptpkit::crypto
