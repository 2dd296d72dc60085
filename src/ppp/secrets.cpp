#include "ppp/secrets.h"

namespace pptpkit::ppp {
namespace {

bool is_wild(std::string_view word) { return word == "*"; }

// pppd's scan_authfile() ranks a match by which columns were exact:
// NONWILD_CLIENT (2) and NONWILD_SERVER (1); -1 is no match.
int match_rank(const ChapSecretsEntry& entry, std::string_view client, std::string_view server) {
  const bool client_exact = entry.client == client;
  const bool server_exact = entry.server == server;
  if (!(client_exact || is_wild(entry.client)) || !(server_exact || is_wild(entry.server))) return -1;
  return (is_wild(entry.client) ? 0 : 2) + (is_wild(entry.server) ? 0 : 1);
}

}  // namespace

bool Ipv4Prefix::contains(std::uint32_t candidate) const {
  if (length == 0) return true;
  const std::uint32_t mask = ~std::uint32_t{0} << (32 - length);
  return (candidate & mask) == (address & mask);
}

bool AllowedAddresses::allows(std::uint32_t address) const {
  if (any) return true;
  for (const Ipv4Prefix& prefix : prefixes) {
    if (prefix.contains(address)) return true;
  }
  return false;
}

std::optional<std::uint32_t> AllowedAddresses::static_address() const {
  if (any || prefixes.size() != 1 || prefixes.front().length != 32) return std::nullopt;
  return prefixes.front().address;
}

std::optional<Secret> ChapSecrets::lookup(std::string_view client, std::string_view server) const {
  const ChapSecretsEntry* best = nullptr;
  int best_rank = -1;
  for (const ChapSecretsEntry& entry : entries_) {
    const int rank = match_rank(entry, client, server);
    if (rank > best_rank) {
      best = &entry;
      best_rank = rank;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->secret;
}

std::string_view to_string(SecretsError e) {
  switch (e) {
    case SecretsError::kUnterminatedQuote:
      return "unterminated quote";
    case SecretsError::kWordTooLong:
      return "word longer than 1024 characters";
    case SecretsError::kMissingSecret:
      return "line needs client, server and secret";
    case SecretsError::kIndirectSecret:
      return "@/file secrets are not supported";
    case SecretsError::kExtraOptions:
      return "per-user options after -- are not supported";
    case SecretsError::kBadAddress:
      return "allowed address is not *, -, a.b.c.d or a.b.c.d/n";
  }
  return "unknown secrets error";
}

}  // namespace pptpkit::ppp
