#include "crypto/des.h"

#include <gtest/gtest.h>

#include "hex_util.h"

namespace pptpkit::crypto {
namespace {

using test::hex_array;

// FIPS 81 appendix B example: "Now is t" under 0123456789ABCDEF.
TEST(Des, Fips81EcbExample) {
  const auto key = hex_array<8>("0123456789ABCDEF");
  const auto clear = hex_array<8>("4E6F772069732074");
  EXPECT_EQ(des_ecb_encrypt(clear, key), hex_array<8>("3FA40E8A984D4815"));
}

// NBS known-answer test (variable key and plaintext table).
TEST(Des, NbsKnownAnswer) {
  EXPECT_EQ(des_ecb_encrypt(hex_array<8>("01A1D6D039776742"), hex_array<8>("7CA110454A1A6E57")),
            hex_array<8>("690F5B0D9A26939B"));
  EXPECT_EQ(des_ecb_encrypt(hex_array<8>("5CD54CA83DEF57DA"), hex_array<8>("0131D9619DC1376E")),
            hex_array<8>("7A389D10354BD271"));
}

// RFC 2433 appendix B.2: first 7 octets of the "MyPw" hash and the
// parity-corrected DES key made of them.
TEST(Des, KeyWithParityMatchesRfc2433) {
  EXPECT_EQ(des_key_with_parity(hex_array<7>("FC156AF7EDCD6C")), hex_array<8>("FD0B5B5E7F6E34D9"));
}

TEST(Des, KeyWithParityHasOddParityEverywhere) {
  for (const auto& key :
       {hex_array<7>("00000000000000"), hex_array<7>("FFFFFFFFFFFFFF"), hex_array<7>("0123456789ABCD")}) {
    for (std::uint8_t octet : des_key_with_parity(key)) {
      int ones = 0;
      for (int bit = 0; bit < 8; ++bit) ones += (octet >> bit) & 1;
      EXPECT_EQ(ones % 2, 1) << int{octet};
    }
  }
}

TEST(Des, EncryptWithSevenOctetKeyIsEcbUnderTheExpandedKey) {
  const auto key7 = hex_array<7>("FC156AF7EDCD6C");
  const auto clear = hex_array<8>("102DB5DF085D3041");
  EXPECT_EQ(des_encrypt(clear, key7), des_ecb_encrypt(clear, des_key_with_parity(key7)));
  // RFC 2433 B.2: the first third of the NT response for "MyPw".
  EXPECT_EQ(des_encrypt(clear, key7), hex_array<8>("4E9D3C8F9CFD385D"));
}

}  // namespace
}  // namespace pptpkit::crypto
