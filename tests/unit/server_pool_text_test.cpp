// The server's --local-ip, --pool, --dns and --nbns texts, and the --mppe and --auth flags.
#include <gtest/gtest.h>

#include "cli/options.h"
#include "server/pool_text.h"

namespace pptpkit::server {
namespace {

TEST(PoolText, RangesPrefixesAndAddresses) {
  auto ranges = parse_pool("198.18.0.10-198.18.0.49,198.18.1.0/30,198.18.2.7");
  ASSERT_TRUE(ranges);
  ASSERT_EQ(ranges->size(), 3u);
  EXPECT_EQ((*ranges)[0].first, 0xC612000Au);
  EXPECT_EQ((*ranges)[0].last, 0xC6120031u);
  EXPECT_EQ((*ranges)[1].first, 0xC6120101u);  // network and broadcast left out
  EXPECT_EQ((*ranges)[1].last, 0xC6120102u);
  EXPECT_EQ((*ranges)[2].first, 0xC6120207u);
  EXPECT_EQ((*ranges)[2].last, 0xC6120207u);
}

TEST(PoolText, RefusesWhatIsNotAPool) {
  for (const char* bad : {"", "198.18.0.49-198.18.0.10", "198.18.0.0/33", "198.18.0.0/", "198.18.0.0/2x",
                          "198.18.0", "198.18.0.1-", "2001:db8::1", "198.18.0.1,"}) {
    EXPECT_FALSE(parse_pool(bad)) << bad;
  }
  EXPECT_EQ(*parse_ipv4("198.18.0.1"), 0xC6120001u);
  EXPECT_FALSE(parse_ipv4("198.18.0.256"));
}

TEST(NameServerText, PrimaryThenSecondaryAtMostTwo) {
  const auto none = parse_name_servers({});
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->primary);
  EXPECT_FALSE(none->secondary);
  const auto two = parse_name_servers({"198.51.100.53", "198.51.100.54"});
  ASSERT_TRUE(two);
  EXPECT_EQ(two->primary, 0xC6336435u);
  EXPECT_EQ(two->secondary, 0xC6336436u);
  EXPECT_FALSE(parse_name_servers({"198.51.100.1", "198.51.100.2", "198.51.100.3"}));
  EXPECT_FALSE(parse_name_servers({"ns.example"}));
}

TEST(NamedOptions, MppeAndAuthByName) {
  CLI::App app;
  ppp::CcpConfig mppe;
  std::vector<ppp::AuthMethod> auth{ppp::AuthMethod::kMsChapV2};
  cli::add_mppe_options(app, mppe);
  cli::add_auth_option(app, auth, "");
  // CLI11 takes argv reversed.
  app.parse(std::vector<std::string>{"--mppe-stateful", "56", "40", "--mppe-bits", "chap", "mschap", "--auth",
                                     "optional", "--mppe"});
  EXPECT_EQ(mppe.policy, ppp::MppePolicy::kOptional);
  EXPECT_TRUE(mppe.allow_40_bit);
  EXPECT_TRUE(mppe.allow_56_bit);
  EXPECT_FALSE(mppe.allow_128_bit);
  EXPECT_TRUE(mppe.allow_stateful);
  EXPECT_EQ(auth, (std::vector<ppp::AuthMethod>{ppp::AuthMethod::kMsChapV1, ppp::AuthMethod::kChapMd5}));
  EXPECT_THROW(app.parse(std::vector<std::string>{"sometimes", "--mppe"}), CLI::ValidationError);
  EXPECT_THROW(app.parse(std::vector<std::string>{"64", "--mppe-bits"}), CLI::ValidationError);
  EXPECT_THROW(app.parse(std::vector<std::string>{"eap", "--auth"}), CLI::ValidationError);
}

}  // namespace
}  // namespace pptpkit::server
