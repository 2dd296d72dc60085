#include "ppp/secrets.h"

#include <gtest/gtest.h>

namespace pptpkit::ppp {
namespace {

ChapSecrets parse(std::string_view text) {
  auto parsed = parse_chap_secrets(text);
  EXPECT_TRUE(parsed) << "line " << parsed.error().line << ": " << to_string(parsed.error().error);
  return parsed ? *parsed : ChapSecrets({});
}

SecretsParseError parse_error(std::string_view text) {
  auto parsed = parse_chap_secrets(text);
  EXPECT_FALSE(parsed);
  return parsed ? SecretsParseError{} : parsed.error();
}

TEST(ChapSecretsParser, ReadsColumnsAndComments) {
  const auto secrets = parse(
      "# Secrets for authentication using CHAP\n"
      "# client\tserver\tsecret\t\t\tIP addresses\n"
      "alice\tpptpd\tsecret1\t198.18.0.10   # a static address\n"
      "\n"
      "bob pptpd secret2 *\n");
  ASSERT_EQ(secrets.entries().size(), 2u);
  const auto& alice = secrets.entries()[0];
  EXPECT_EQ(alice.client, "alice");
  EXPECT_EQ(alice.server, "pptpd");
  EXPECT_EQ(alice.secret.password, "secret1");
  EXPECT_EQ(alice.line, 3u);
  EXPECT_EQ(alice.secret.addresses.static_address(), 0xC612000Au);
  EXPECT_TRUE(secrets.entries()[1].secret.addresses.any);
  EXPECT_EQ(secrets.entries()[1].line, 5u);
}

TEST(ChapSecretsParser, QuotingAndEscapesAsPppdGetword) {
  const auto secrets = parse(
      "\"john smith\" * 'pa ss#word' -\n"
      "carol * \"say \\\"hi\\\"\"\n"
      "dave * a\\sb\\tc\\x41\\101\\q\n"
      "erin * long\\\n"
      "word\n"
      "frank * \"\"\n"
      "gina * it\"s\n");
  ASSERT_EQ(secrets.entries().size(), 6u);
  EXPECT_EQ(secrets.entries()[0].client, "john smith");
  EXPECT_EQ(secrets.entries()[0].secret.password, "pa ss#word");
  EXPECT_FALSE(secrets.entries()[0].secret.addresses.allows(0x01020304));
  EXPECT_EQ(secrets.entries()[1].secret.password, "say \"hi\"");
  EXPECT_EQ(secrets.entries()[2].secret.password, "a b\tcAAq");
  // Backslash-newline joins lines inside a word.
  EXPECT_EQ(secrets.entries()[3].secret.password, "longword");
  EXPECT_EQ(secrets.entries()[4].secret.password, "");
  // A quote inside an unquoted word is an ordinary character.
  EXPECT_EQ(secrets.entries()[5].secret.password, "it\"s");
  EXPECT_EQ(secrets.entries()[5].line, 7u);
}

TEST(ChapSecretsParser, QuotedWordSpansLines) {
  const auto secrets = parse("a * \"two\nlines\" 198.18.0.1\nb * c\n");
  ASSERT_EQ(secrets.entries().size(), 2u);
  EXPECT_EQ(secrets.entries()[0].secret.password, "two\nlines");
  EXPECT_EQ(secrets.entries()[0].secret.addresses.static_address(), 0xC6120001u);
  EXPECT_EQ(secrets.entries()[1].line, 3u);
}

TEST(ChapSecretsParser, AddressesAndSubnets) {
  const auto secrets = parse("a * s 198.18.0.0/24 198.19.1.1\n");
  const auto& addresses = secrets.entries()[0].secret.addresses;
  EXPECT_TRUE(addresses.allows(0xC61200FE));
  EXPECT_TRUE(addresses.allows(0xC6130101));
  EXPECT_FALSE(addresses.allows(0xC6120100));
  EXPECT_EQ(addresses.static_address(), std::nullopt);
  // No address word: none allowed (pppd with authentication required).
  EXPECT_FALSE(parse("a * s\n").entries()[0].secret.addresses.allows(0xC6120001));
}

TEST(ChapSecretsParser, ErrorsNameTheLine) {
  auto e = parse_error("ok * fine\nlonely\n");
  EXPECT_EQ(e.error, SecretsError::kMissingSecret);
  EXPECT_EQ(e.line, 2u);
  e = parse_error("ok * fine\n\n\nx * \"never closed\n");
  EXPECT_EQ(e.error, SecretsError::kUnterminatedQuote);
  EXPECT_EQ(e.line, 4u);
  e = parse_error("a * s 198.18.0.1\nb * s 198.18.0.256\n");
  EXPECT_EQ(e.error, SecretsError::kBadAddress);
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(parse_error("a * s 1.2.3\n").error, SecretsError::kBadAddress);
  EXPECT_EQ(parse_error("a * s 1.2.3.4/33\n").error, SecretsError::kBadAddress);
  EXPECT_EQ(parse_error("a * s host.example\n").error, SecretsError::kBadAddress);
  EXPECT_EQ(parse_error("a * @/etc/ppp/secret\n").error, SecretsError::kIndirectSecret);
  EXPECT_EQ(parse_error("a * s * -- debug\n").error, SecretsError::kExtraOptions);
  EXPECT_EQ(parse_error("a * " + std::string(1025, 'x') + "\n").error, SecretsError::kWordTooLong);
  EXPECT_EQ(to_string(SecretsError::kBadAddress), "allowed address is not *, -, a.b.c.d or a.b.c.d/n");
}

TEST(ChapSecretsParser, EmptyTextHasNoEntries) {
  EXPECT_TRUE(parse("").entries().empty());
  EXPECT_TRUE(parse("# only a comment\n   \n").entries().empty());
}

TEST(ChapSecretsLookup, ExactBeatsWildcardAsInPppd) {
  const auto secrets = parse(
      "*     *       any-any\n"
      "*     pptpd   any-client\n"
      "alice *       exact-client\n"
      "alice pptpd   exact-both\n"
      "alice pptpd   later-duplicate\n"
      "bob   *       bob-first\n"
      "bob   *       bob-second\n");
  EXPECT_EQ(secrets.lookup("alice", "pptpd")->password, "exact-both");
  EXPECT_EQ(secrets.lookup("alice", "other")->password, "exact-client");
  EXPECT_EQ(secrets.lookup("carol", "pptpd")->password, "any-client");
  EXPECT_EQ(secrets.lookup("carol", "other")->password, "any-any");
  EXPECT_EQ(secrets.lookup("bob", "pptpd")->password, "bob-first");
  EXPECT_FALSE(parse("alice pptpd s\n").lookup("alice", "other"));
  EXPECT_FALSE(parse("alice pptpd s\n").lookup("Alice", "pptpd"));
}

}  // namespace
}  // namespace pptpkit::ppp
