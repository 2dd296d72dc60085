// Follows every PPTP session of a capture: attributes its GRE packets to the
// call (SessionTracker), watches its PPP negotiation (PppObserver), checks
// the authentication against chap-secrets (verify_exchange) and decrypts its
// MPPE packets with the keys that exchange yields (MppeDecryptor). Pure:
// fed the Decoder's events in frame order.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ppp/secrets.h"
#include "tools/auth_verifier.h"
#include "tools/decoded.h"
#include "tools/mppe_decryptor.h"
#include "tools/ppp_observer.h"
#include "tools/session_tracker.h"

namespace pptpkit::tools {

struct SessionReport {
  SessionEndpoints endpoints;
  AuthExchange auth;
  std::optional<bool> verified;  // nullopt: no exchange seen, or no secret for the user
  std::optional<ppp::MppeConfig> mppe;
  std::uint64_t encrypted = 0;         // 0x00FD frames seen
  std::uint64_t decrypted = 0;         // of those, decrypted
  std::uint64_t decrypt_failures = 0;  // keys known, but the receiver dropped the frame
  std::uint64_t plaintext_ip = 0;      // IPv4/IPv6 frames sent without MPPE
};

class SessionAnalyzer {
 public:
  // An inner IPv4 or IPv6 packet (decrypted, or sent in the clear) and the
  // capture time of the frame that carried it.
  using IpCallback = std::function<void(Timestamp time, Bytes packet)>;

  // `secrets` must outlive the analyzer.
  explicit SessionAnalyzer(const ppp::SecretsSource& secrets) : secrets_(secrets) {}

  void on_decoded(const Decoded& decoded, const IpCallback& emit_ip);

  std::vector<SessionReport> reports() const;
  std::uint64_t sessions_over_limit() const { return tracker_.sessions_over_limit(); }

 private:
  struct Session {
    PppObserver ppp;
    std::optional<AuthVerdict> verdict;
    std::optional<MppeDecryptor> decryptor;
    SessionReport counters;
  };

  void on_gre(const PacketInfo& info, const GreEvent& gre, const IpCallback& emit_ip);
  void on_encrypted(const PacketInfo& info, Session& session, Direction direction, Bytes information,
                    const IpCallback& emit_ip);
  MppeDecryptor* decryptor(Session& session);

  const ppp::SecretsSource& secrets_;
  SessionTracker tracker_;
  std::vector<Session> sessions_;      // parallel to tracker_.sessions()
  std::vector<std::uint8_t> scratch_;  // decryption works in place on a copy
};

}  // namespace pptpkit::tools
