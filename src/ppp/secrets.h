// Where authenticators find passwords: a SecretsSource, and the pppd
// chap-secrets format (pppd(8), AUTHENTICATION) parsed from text. Reading
// the file is the server's business; this layer gets its contents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace pptpkit::ppp {

// An IPv4 address (host order) with a prefix length; /32 is one host.
struct Ipv4Prefix {
  std::uint32_t address = 0;
  std::uint8_t length = 32;

  bool contains(std::uint32_t candidate) const;
  friend bool operator==(const Ipv4Prefix&, const Ipv4Prefix&) = default;
};

// The addresses a peer may use, from the words after the secret: "*" allows
// any, "-" none, and addresses or a.b.c.d/n subnets allow those. No word at
// all allows none, as in pppd when authentication is required.
struct AllowedAddresses {
  bool any = false;
  std::vector<Ipv4Prefix> prefixes;

  bool allows(std::uint32_t address) const;
  // The address to assign when the list names exactly one host.
  std::optional<std::uint32_t> static_address() const;
  friend bool operator==(const AllowedAddresses&, const AllowedAddresses&) = default;
};

struct Secret {
  std::string password;
  AllowedAddresses addresses;
};

struct SecretsSource {
  virtual ~SecretsSource() = default;
  // The secret for `client` (the peer's name) authenticating to `server`
  // (the authenticator's name), or nullopt.
  virtual std::optional<Secret> lookup(std::string_view client, std::string_view server) const = 0;
};

struct ChapSecretsEntry {
  std::string client;  // "*" matches any client
  std::string server;  // "*" matches any server
  Secret secret;
  std::size_t line = 0;
};

// A parsed chap-secrets file. Lookup follows pppd's scan_authfile(): of the
// lines whose client and server match (exactly or by "*"), the one with the
// most exact columns wins (an exact client outranks an exact server), and
// among equals the first line.
class ChapSecrets : public SecretsSource {
 public:
  explicit ChapSecrets(std::vector<ChapSecretsEntry> entries) : entries_(std::move(entries)) {}
  std::optional<Secret> lookup(std::string_view client, std::string_view server) const override;
  const std::vector<ChapSecretsEntry>& entries() const { return entries_; }

 private:
  std::vector<ChapSecretsEntry> entries_;
};

enum class SecretsError : std::uint8_t {
  kUnterminatedQuote,  // a quoted word runs to the end of the text
  kWordTooLong,        // a word longer than pppd's MAXWORDLEN (1024) allows
  kMissingSecret,      // a line with a client but no server or secret
  kIndirectSecret,     // "@/file" secrets: the server layer reads files, not this parser
  kExtraOptions,       // "--" per-user pppd options, which pptpkit cannot apply
  kBadAddress,         // an allowed-address word that is not *, -, a.b.c.d or a.b.c.d/n
};

std::string_view to_string(SecretsError e);

struct SecretsParseError {
  SecretsError error = SecretsError::kMissingSecret;
  std::size_t line = 0;  // 1-based line where the offending word starts
};

// Parses chap-secrets text: one entry per line, "client server secret
// [address ...]"; words are split and unquoted as pppd's getword() does
// (options.c): whitespace separates words; '#' at the start of a word
// comments out the rest of the line; a word that starts with " or ' runs to
// the same quote, across whitespace and newlines; backslash escapes \a \b
// \f \n \r \s (space) \t, \ooo (octal, up to 3 digits), \xhh (hex, up to
// 2), any other character as itself, and backslash-newline is dropped.
Result<ChapSecrets, SecretsParseError> parse_chap_secrets(std::string_view text);

}  // namespace pptpkit::ppp
