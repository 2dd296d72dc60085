#include "ppp/lcp_options.h"

#include <algorithm>
#include <array>

#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

namespace {

using wire::PppOption;
using Handler = OptionHandler<LcpNegotiation>;

// Options we accept from the peer but never request ourselves.
void write_nothing(const LcpNegotiation&, ByteWriter&) {}
Verdict ignore_nak(LcpNegotiation&, const PppOption&) { return Verdict::applied(); }
Verdict ignore_reject(LcpNegotiation&) { return Verdict::applied(); }

// The Authentication-Protocol option's value (RFC 1661 6.2) for `m`.
struct AuthValue {
  std::array<std::uint8_t, 3> octets{};
  std::size_t size = 0;
  Bytes bytes() const { return Bytes(octets.data(), size); }
};

AuthValue auth_value(AuthMethod m) {
  const wire::AuthenticationProtocolOption option = auth_option(m);
  AuthValue value;
  ByteWriter w(value.octets);
  w.u16(option.authentication_protocol);
  w.bytes(option.data);
  value.size = w.offset();
  return value;
}

std::uint8_t method_bit(AuthMethod m) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(m)); }

// --- MRU (RFC 1661 6.1) ------------------------------------------------------

void write_mru(const LcpNegotiation& n, ByteWriter& w) {
  if (n.ours.mru) write_u16_option(w, wire::kLcpMru, *n.ours.mru);
}

Verdict examine_mru(LcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto mru = wire::decode_u16_option(option);
  if (!mru) {
    reply.reject(option);
  } else if (*mru < n.config.min_mru) {
    reply.nak(option, be16(n.config.min_mru));
  } else {
    n.peer.mru = *mru;
  }
  return Verdict::applied();
}

// The peer wants us to receive a different size: anything between our
// minimum and what we asked for is fine, a bigger one is not what we
// configured and a smaller one cannot carry full datagrams.
Verdict nak_mru(LcpNegotiation& n, const PppOption& option) {
  auto mru = wire::decode_u16_option(option);
  if (!mru) return Verdict::malformed();
  if (*mru < n.config.min_mru || *mru > n.config.mru) return Verdict::refused(CloseReason::kUnacceptableMru);
  n.ours.mru = *mru;
  return Verdict::applied();
}

Verdict reject_mru(LcpNegotiation& n) {
  n.ours.mru.reset();
  return Verdict::applied();
}

// --- Async-Control-Character-Map (RFC 1662 7.1) -------------------------------

void write_accm(const LcpNegotiation& n, ByteWriter& w) {
  if (n.ours.accm) write_u32_option(w, wire::kLcpAccm, *n.ours.accm);
}

// Any map is acceptable: on PPTP's octet-synchronous link nothing is escaped
// and the value is only passed on in Set-Link-Info.
Verdict examine_accm(LcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto accm = wire::decode_u32_option(option);
  if (!accm) {
    reply.reject(option);
  } else {
    n.peer.accm = *accm;
  }
  return Verdict::applied();
}

Verdict nak_accm(LcpNegotiation& n, const PppOption& option) {
  auto accm = wire::decode_u32_option(option);
  if (!accm) return Verdict::malformed();
  n.ours.accm = *accm;
  return Verdict::applied();
}

Verdict reject_accm(LcpNegotiation& n) {
  n.ours.accm.reset();
  return Verdict::applied();
}

// --- Authentication-Protocol (RFC 1661 6.2) ----------------------------------

void write_auth(const LcpNegotiation& n, ByteWriter& w) {
  if (!n.ours.auth) return;
  write_option(w, wire::kLcpAuthenticationProtocol, auth_value(*n.ours.auth).bytes());
}

bool allowed(const LcpNegotiation& n, AuthMethod m) {
  return std::ranges::find(n.config.auth_methods, m) != n.config.auth_methods.end();
}

// The peer asks us to authenticate: as the peer we agree to the methods we
// are configured for and Nak anything else (EAP, which Windows RRAS proposes
// first, included) toward our preferred one. The authenticator never
// authenticates itself to its clients.
Verdict examine_auth(LcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  if (n.role == Role::kAuthenticator || n.config.auth_methods.empty()) {
    reply.reject(option);
    return Verdict::applied();
  }
  auto decoded = wire::decode_authentication_protocol_option(option);
  const auto method = decoded ? auth_method(*decoded) : std::nullopt;
  if (method && allowed(n, *method)) {
    n.peer.auth = method;
  } else {
    reply.nak(option, auth_value(n.config.auth_methods.front()).bytes());
  }
  return Verdict::applied();
}

// The peer prefers another method: take it if we allow it and have not
// tried it yet, else our next untried one (pppd does the same); when none is
// left there is nothing both sides accept.
Verdict nak_auth(LcpNegotiation& n, const PppOption& option) {
  auto decoded = wire::decode_authentication_protocol_option(option);
  const auto suggested = decoded ? auth_method(*decoded) : std::nullopt;
  std::optional<AuthMethod> next;
  if (suggested && allowed(n, *suggested) && (n.auth_methods_tried & method_bit(*suggested)) == 0) {
    next = suggested;
  } else {
    for (const AuthMethod m : n.config.auth_methods) {
      if ((n.auth_methods_tried & method_bit(m)) == 0) {
        next = m;
        break;
      }
    }
  }
  if (!next) return Verdict::refused(CloseReason::kAuthenticationRefused);
  n.auth_methods_tried = static_cast<std::uint8_t>(n.auth_methods_tried | method_bit(*next));
  n.ours.auth = next;
  return Verdict::applied();
}

// We only ever ask for authentication as the authenticator, which cannot
// let an unauthenticated peer in.
Verdict reject_auth(LcpNegotiation&) { return Verdict::refused(CloseReason::kAuthenticationRefused); }

// --- Magic-Number (RFC 1661 6.4) ---------------------------------------------

void write_magic(const LcpNegotiation& n, ByteWriter& w) {
  if (n.ours.magic) write_u32_option(w, wire::kLcpMagicNumber, *n.ours.magic);
}

// Our own number coming back may be a coincidence or a looped-back link:
// Nak with another number; if it keeps coming back, it is a loop.
Verdict examine_magic(LcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto magic = wire::decode_u32_option(option);
  if (!magic) {
    reply.reject(option);
    return Verdict::applied();
  }
  if (*magic != 0 && *magic != n.ours.magic) {
    n.magic_collisions = 0;
    n.peer.magic = *magic;
    return Verdict::applied();
  }
  if (*magic != 0 && ++n.magic_collisions >= kLoopedBackCollisions) {
    return Verdict::refused(CloseReason::kLoopedBack);
  }
  std::uint32_t other = random_magic(n.random);
  while (other == *magic || other == n.ours.magic) other = random_magic(n.random);
  reply.nak(option, be32(other));
  return Verdict::applied();
}

// RFC 1661 6.4: on a Nak, choose a new random number (not the suggested one,
// which a looped-back link would echo).
Verdict nak_magic(LcpNegotiation& n, const PppOption&) {
  n.ours.magic = random_magic(n.random);
  return Verdict::applied();
}

Verdict reject_magic(LcpNegotiation& n) {
  n.ours.magic.reset();
  return Verdict::applied();
}

// --- Protocol-Field- and Address-and-Control-Field-Compression (6.5, 6.6) ---

template <bool LcpRequest::*Flag, std::uint8_t Type>
void write_compression(const LcpNegotiation& n, ByteWriter& w) {
  if (n.ours.*Flag) write_option(w, Type, {});
}

template <bool LcpRequest::*Flag>
Verdict examine_compression(LcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  if (!wire::decode_empty_option(option)) {
    reply.reject(option);
  } else {
    n.peer.*Flag = true;
  }
  return Verdict::applied();
}

// A flag has no other value to suggest, so a Nak means the same as a Reject.
template <bool LcpRequest::*Flag>
Verdict reject_compression(LcpNegotiation& n) {
  n.ours.*Flag = false;
  return Verdict::applied();
}
template <bool LcpRequest::*Flag>
Verdict nak_compression(LcpNegotiation& n, const PppOption&) {
  return reject_compression<Flag>(n);
}

// --- Callback (RFC 1570 2.3, MS-CBCP 1.3) ------------------------------------

// Windows clients ask the server for callback operation 6 (CBCP); the
// server agrees and then, in CBCP, offers only "no callback". Any other
// operation, or a server asking its client, is rejected.
Verdict examine_callback(LcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto callback = wire::decode_callback_option(option);
  if (n.role == Role::kAuthenticator && callback && callback->operation == wire::kLcpCallbackCbcp) {
    n.peer.callback = true;
  } else {
    reply.reject(option);
  }
  return Verdict::applied();
}

constexpr std::array<Handler, 7> kLcpOptions{{
    {wire::kLcpMru, write_mru, examine_mru, nak_mru, reject_mru},
    {wire::kLcpAccm, write_accm, examine_accm, nak_accm, reject_accm},
    {wire::kLcpAuthenticationProtocol, write_auth, examine_auth, nak_auth, reject_auth},
    {wire::kLcpMagicNumber, write_magic, examine_magic, nak_magic, reject_magic},
    {wire::kLcpPfc, write_compression<&LcpRequest::pfc, wire::kLcpPfc>, examine_compression<&LcpRequest::pfc>,
     nak_compression<&LcpRequest::pfc>, reject_compression<&LcpRequest::pfc>},
    {wire::kLcpAcfc, write_compression<&LcpRequest::acfc, wire::kLcpAcfc>,
     examine_compression<&LcpRequest::acfc>, nak_compression<&LcpRequest::acfc>,
     reject_compression<&LcpRequest::acfc>},
    {wire::kLcpCallback, write_nothing, examine_callback, ignore_nak, ignore_reject},
}};

}  // namespace

OptionTable<LcpNegotiation> lcp_option_table() { return kLcpOptions; }

std::uint32_t random_magic(RandomSource& random) {
  std::array<std::uint8_t, 4> octets{};
  std::uint32_t magic = 0;
  while (magic == 0) {
    random.fill(octets);
    magic = ByteReader(octets).u32();
  }
  return magic;
}

void reset_lcp_request(LcpNegotiation& n) {
  const LcpConfig& c = n.config;
  n.ours = {};
  n.ours.mru = c.mru;
  n.ours.accm = c.accm;
  n.ours.magic = random_magic(n.random);
  n.ours.pfc = c.request_pfc;
  n.ours.acfc = c.request_acfc;
  n.auth_methods_tried = 0;
  n.magic_collisions = 0;
  if (n.role == Role::kAuthenticator && !c.auth_methods.empty()) {
    n.ours.auth = c.auth_methods.front();
    n.auth_methods_tried = method_bit(c.auth_methods.front());
  }
}

}  // namespace pptpkit::ppp
