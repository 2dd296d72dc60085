// validate(LinkConfig): configurations no peer could ever satisfy.
#include <gtest/gtest.h>

#include "ppp/link_config.h"

namespace pptpkit::ppp {
namespace {

LinkConfig with_methods(std::vector<AuthMethod> methods, MppePolicy policy) {
  LinkConfig c;
  c.lcp.auth_methods = std::move(methods);
  c.ccp.policy = policy;
  return c;
}

TEST(PppLinkConfig, DefaultsAreValid) { EXPECT_TRUE(validate(LinkConfig{})); }

TEST(PppLinkConfig, RequiredMppeNeedsAnMsChapMethod) {
  for (const Role role : {Role::kAuthenticator, Role::kPeer}) {
    for (const auto& methods :
         {std::vector<AuthMethod>{AuthMethod::kPap},
          std::vector<AuthMethod>{AuthMethod::kChapMd5, AuthMethod::kPap}, std::vector<AuthMethod>{}}) {
      LinkConfig c = with_methods(methods, MppePolicy::kRequired);
      c.role = role;
      const auto status = validate(c);
      ASSERT_FALSE(status);
      EXPECT_EQ(status.error(), LinkConfigError::kMppeWithoutMsChap);
    }
  }
  EXPECT_EQ(to_string(LinkConfigError::kMppeWithoutMsChap),
            "MPPE required but no MS-CHAP method allowed (MPPE keys come from MS-CHAP)");
}

TEST(PppLinkConfig, PlaintextMethodsAreValidWhenMppeIsNotRequired) {
  EXPECT_TRUE(validate(with_methods({AuthMethod::kPap}, MppePolicy::kOptional)));
  EXPECT_TRUE(validate(with_methods({AuthMethod::kChapMd5}, MppePolicy::kRefused)));
  // MS-CHAP among others: LCP may still agree on it.
  EXPECT_TRUE(validate(with_methods({AuthMethod::kPap, AuthMethod::kMsChapV1}, MppePolicy::kRequired)));
}

TEST(PppLinkConfig, MppeNeedsAStrength) {
  LinkConfig c;
  c.ccp.allow_128_bit = false;
  EXPECT_EQ(validate(c).error(), LinkConfigError::kNoMppeStrength);
  c.ccp.policy = MppePolicy::kRefused;
  EXPECT_TRUE(validate(c));
}

TEST(PppLinkConfig, MinimumMruMustNotExceedTheMru) {
  LinkConfig c;
  c.lcp.min_mru = 1500;
  EXPECT_EQ(validate(c).error(), LinkConfigError::kMinMruAboveMru);
}

}  // namespace
}  // namespace pptpkit::ppp
