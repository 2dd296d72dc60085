// LCP configuration options, one handler each (RFC 1661 6, RFC 1570 2.3):
// MRU, Async-Control-Character-Map, Authentication-Protocol, Magic-Number,
// Protocol-Field-Compression, Address-and-Control-Field-Compression and
// Callback. Every other option (Quality-Protocol, MRRU, Short Sequence,
// Endpoint Discriminator, Link Discriminator, ...) has no handler and is
// rejected, which is what lets Windows' multilink-flavoured requests converge.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/random.h"
#include "ppp/auth.h"
#include "ppp/option_table.h"
#include "ppp/role.h"

namespace pptpkit::ppp {

// RFC 1661 6.1.
inline constexpr std::uint16_t kDefaultMru = 1500;

struct LcpConfig {
  // The MRU we request: the largest frame the peer may send us.
  std::uint16_t mru = 1400;
  // The smallest MRU we accept from the peer (we Nak smaller ones) or from
  // its Naks of ours: 576 carries any IPv4 datagram unfragmented by RFC 791.
  std::uint16_t min_mru = 576;
  // RFC 1662 7.1: PPTP carries PPP octet-synchronously, so no character is
  // ever escaped; we still request a map of 0 (as pppd does over PPTP) so
  // the value reported in Set-Link-Info (RFC 2637 2.15) is explicit.
  std::optional<std::uint32_t> accm = 0;
  bool request_pfc = true;
  bool request_acfc = true;
  // Authenticator: the methods we ask the peer to use, preferred first; empty
  // means no authentication. Peer: the methods we agree to, preferred first.
  std::vector<AuthMethod> auth_methods{AuthMethod::kMsChapV2};
};

// The options one side asked for in its Configure-Request, that is what it
// wants to receive.
struct LcpRequest {
  std::optional<std::uint16_t> mru;
  std::optional<std::uint32_t> accm;
  std::optional<AuthMethod> auth;
  std::optional<std::uint32_t> magic;
  bool pfc = false;
  bool acfc = false;
  bool callback = false;  // Callback operation 6: CBCP after authentication
};

struct LcpNegotiation {
  const LcpConfig& config;
  Role role;
  RandomSource& random;
  LcpRequest ours;
  LcpRequest peer;
  std::uint8_t auth_methods_tried = 0;  // bit per AuthMethod
  int magic_collisions = 0;
};

// Consecutive requests carrying our own Magic-Number after which the link
// is taken as looped back (RFC 1661 6.4): a random 32-bit collision twice in
// a row is already implausible.
inline constexpr int kLoopedBackCollisions = 3;

OptionTable<LcpNegotiation> lcp_option_table();

// Our request as the configuration asks, with a fresh Magic-Number.
void reset_lcp_request(LcpNegotiation& n);

// A random non-zero Magic-Number (RFC 1661 6.4: zero is not a valid one).
std::uint32_t random_magic(RandomSource& random);

}  // namespace pptpkit::ppp
