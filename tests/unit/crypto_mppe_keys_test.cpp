#include "crypto/mppe_keys.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "hex_util.h"

namespace pptpkit::crypto {
namespace {

using test::hex;
using test::hex_array;

MppeKey key(std::string_view text) { return MppeKey(hex(text)); }

// RFC 3079 3.5: User "User", password "clientPass", the RFC 2759 9.2
// challenges; inputs to the key derivation.
const auto kPasswordHashHash = hex_array<16>("41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F");
const auto kNtResponse =
    hex_array<24>("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
const auto kMasterKey = hex_array<16>("FD EC E3 71 7A 8C 83 8C B3 88 E5 27 AE 3C DD 31");

TEST(MppeKeysV2, Rfc3079MasterKey) { EXPECT_EQ(get_master_key(kPasswordHashHash, kNtResponse), kMasterKey); }

// RFC 3079 3.5.1 (40-bit): SendStartKey40 and SendSessionKey40, the
// authenticator's ("server's") send direction.
TEST(MppeKeysV2, Rfc3079Sample40Bit) {
  const MppeKey start = get_asymmetric_start_key(kMasterKey, 8, true, true);
  EXPECT_EQ(start, key("8B 7C DC 14 9B 99 3A 1B"));
  EXPECT_EQ(reduce_session_key(get_new_key_from_sha(start, start), MppeStrength::k40Bit),
            key("D1 26 9E C4 9F A6 2E 3E"));
}

// RFC 3079 3.5.2 (56-bit).
TEST(MppeKeysV2, Rfc3079Sample56Bit) {
  const MppeKey start = get_asymmetric_start_key(kMasterKey, 8, true, true);
  EXPECT_EQ(start, key("8B 7C DC 14 9B 99 3A 1B"));
  EXPECT_EQ(reduce_session_key(get_new_key_from_sha(start, start), MppeStrength::k56Bit),
            key("D1 5C 00 C4 9F A6 2E 3E"));
}

// RFC 3079 3.5.3 (128-bit).
TEST(MppeKeysV2, Rfc3079Sample128Bit) {
  const MppeKey start = get_asymmetric_start_key(kMasterKey, 16, true, true);
  EXPECT_EQ(start, key("8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB"));
  EXPECT_EQ(get_new_key_from_sha(start, start), key("40 5C B2 24 7A 79 56 E6 E2 11 00 7A E2 7B 22 D4"));
}

TEST(MppeKeysV2, SessionApiGivesTheRfcKeysToTheRightDirections) {
  const MppeKeys server =
      mppe_keys_mschap_v2(MppeRole::kAuthenticator, MppeStrength::k128Bit, kPasswordHashHash, kNtResponse);
  EXPECT_EQ(server.send.start_key, key("8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB"));
  EXPECT_EQ(server.send.session_key, key("40 5C B2 24 7A 79 56 E6 E2 11 00 7A E2 7B 22 D4"));
  // The other direction uses Magic2 (values computed from RFC 3079 3.4).
  EXPECT_EQ(server.receive.start_key, key("D5 F0 E9 52 1E 3E A9 58 96 45 E8 60 51 C8 22 26"));
  EXPECT_EQ(server.receive.session_key, key("49 D1 1D 0F 0C C6 BE FB A2 A9 B4 B6 88 F9 1E EE"));

  // What one end sends, the other receives.
  for (MppeStrength s : {MppeStrength::k40Bit, MppeStrength::k56Bit, MppeStrength::k128Bit}) {
    const MppeKeys a = mppe_keys_mschap_v2(MppeRole::kAuthenticator, s, kPasswordHashHash, kNtResponse);
    const MppeKeys p = mppe_keys_mschap_v2(MppeRole::kPeer, s, kPasswordHashHash, kNtResponse);
    EXPECT_EQ(a.send.start_key, p.receive.start_key) << to_string(s);
    EXPECT_EQ(a.send.session_key, p.receive.session_key) << to_string(s);
    EXPECT_EQ(a.receive.session_key, p.send.session_key) << to_string(s);
    EXPECT_EQ(a.send.session_key.size(), mppe_key_size(s));
  }
  const MppeKeys forty =
      mppe_keys_mschap_v2(MppeRole::kAuthenticator, MppeStrength::k40Bit, kPasswordHashHash, kNtResponse);
  EXPECT_EQ(forty.send.session_key, key("D1 26 9E C4 9F A6 2E 3E"));
  const MppeKeys fifty_six =
      mppe_keys_mschap_v2(MppeRole::kAuthenticator, MppeStrength::k56Bit, kPasswordHashHash, kNtResponse);
  EXPECT_EQ(fifty_six.send.session_key, key("D1 5C 00 C4 9F A6 2E 3E"));
}

// RFC 3079 2.5 (MS-CHAPv1): password "clientPass", challenge 10 2D B5 DF 08 5D 30 41.
const auto kLmPasswordHash = hex_array<16>("76 A1 52 93 60 96 D7 83 0E 23 90 22 74 04 AF D2");
const auto kV1Challenge = hex_array<8>("10 2D B5 DF 08 5D 30 41");

TEST(MppeKeysV1, Rfc3079Sample40And56Bit) {
  const MppeKey start = MppeKey(Bytes(kLmPasswordHash).first(8));
  EXPECT_EQ(get_key(start, start), key("D8 08 01 53 8C EC 4A 08"));
  const MppeKeys forty =
      mppe_keys_mschap_v1(MppeStrength::k40Bit, kLmPasswordHash, kPasswordHashHash, kV1Challenge);
  EXPECT_EQ(forty.send.session_key, key("D1 26 9E 53 8C EC 4A 08"));
  EXPECT_EQ(forty.receive, forty.send);
  const MppeKeys fifty_six =
      mppe_keys_mschap_v1(MppeStrength::k56Bit, kLmPasswordHash, kPasswordHashHash, kV1Challenge);
  EXPECT_EQ(fifty_six.send.session_key, key("D1 08 01 53 8C EC 4A 08"));
}

TEST(MppeKeysV1, Rfc3079Sample128Bit) {
  const MppeKey start = get_start_key(kV1Challenge, kPasswordHashHash);
  EXPECT_EQ(start, key("A8 94 78 50 CF C0 AC C1 D1 78 9F B6 2D DC DD B0"));
  const MppeKeys keys =
      mppe_keys_mschap_v1(MppeStrength::k128Bit, kLmPasswordHash, kPasswordHashHash, kV1Challenge);
  EXPECT_EQ(keys.send.start_key, start);
  EXPECT_EQ(keys.send.session_key, key("59 D1 59 BC 09 F7 6F 1D A2 A8 6A 28 FF EC 0B 1E"));
}

// RFC 3078 7.3 key changes from the RFC 3079 3.5 keys. Expected values were
// computed independently (Python: hashlib SHA-1 and a textbook RC4).
TEST(MppeKeyChange, FollowsRfc3078Section73) {
  const MppeKey start128 = key("8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB");
  const MppeKey first =
      next_key(start128, key("40 5C B2 24 7A 79 56 E6 E2 11 00 7A E2 7B 22 D4"), MppeStrength::k128Bit);
  EXPECT_EQ(first, key("72 6F 10 50 0E 2B 54 13 5B 1B 74 D7 68 2F 04 71"));
  EXPECT_EQ(next_key(start128, first, MppeStrength::k128Bit),
            key("28 05 BC 78 69 BE C8 25 57 3A 78 03 E9 5A 3A CD"));

  const MppeKey start8 = key("8B 7C DC 14 9B 99 3A 1B");
  EXPECT_EQ(next_key(start8, key("D1 26 9E C4 9F A6 2E 3E"), MppeStrength::k40Bit),
            key("D1 26 9E CE 4D 98 D1 81"));
  EXPECT_EQ(next_key(start8, key("D1 5C 00 C4 9F A6 2E 3E"), MppeStrength::k56Bit),
            key("D1 61 82 A2 AB 48 14 07"));
}

TEST(MppeKeyChange, RejectsKeysOfTheWrongSize) {
  const MppeKey eight = key("8B 7C DC 14 9B 99 3A 1B");
  const MppeKey sixteen = key("8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB");
  EXPECT_THROW((void)next_key(eight, eight, MppeStrength::k128Bit), std::invalid_argument);
  EXPECT_THROW((void)next_key(sixteen, eight, MppeStrength::k128Bit), std::invalid_argument);
  EXPECT_THROW((void)get_new_key_from_sha(eight, sixteen), std::invalid_argument);
  EXPECT_THROW(MppeKey(hex("01 02 03")), std::invalid_argument);
  EXPECT_THROW((void)get_asymmetric_start_key(kMasterKey, 5, true, true), std::invalid_argument);
}

}  // namespace
}  // namespace pptpkit::crypto
