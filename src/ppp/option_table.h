// One handler per configuration option, and the walks over a Configure-*
// packet's options that every control protocol shares. A protocol keeps its
// state in a Negotiation struct with two members the walks rely on:
//   `ours`: what our next Configure-Request asks for (Naks and Rejects
//           adjust it), and
//   `peer`: what the peer's last Configure-Request asked for (rebuilt from
//           scratch by every examine_options()).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "ppp/configure_reply.h"
#include "ppp/fsm.h"
#include "wire/ppp_options.h"

namespace pptpkit::ppp {

// Values of Nak'ed options, in network order.
inline std::array<std::uint8_t, 2> be16(std::uint16_t v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
inline std::array<std::uint8_t, 4> be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// Options of our Configure-Request (RFC 1661 6: Type, Length, value).
inline void write_option(ByteWriter& w, std::uint8_t type, Bytes value) {
  w.u8(type);
  w.u8(static_cast<std::uint8_t>(wire::kPppOptionHeaderSize + value.size()));
  w.bytes(value);
}
inline void write_u16_option(ByteWriter& w, std::uint8_t type, std::uint16_t v) {
  write_option(w, type, be16(v));
}
inline void write_u32_option(ByteWriter& w, std::uint8_t type, std::uint32_t v) {
  write_option(w, type, be32(v));
}

template <class Negotiation>
struct OptionHandler {
  std::uint8_t type;
  // Appends the option to our Configure-Request if `ours` wants it.
  void (*write)(const Negotiation& n, ByteWriter& w);
  // The peer's request holds the option: record it in `peer`, or nak or
  // reject it in `reply`.
  Verdict (*examine)(Negotiation& n, const wire::PppOption& option, ConfigureReply& reply);
  // The peer naked our option, suggesting `option`'s value (RFC 1661 5.3).
  Verdict (*nak)(Negotiation& n, const wire::PppOption& option);
  // The peer rejected our option (RFC 1661 5.4).
  Verdict (*reject)(Negotiation& n);
};

template <class N>
using OptionTable = std::span<const OptionHandler<N>>;

template <class N>
const OptionHandler<N>* find_handler(OptionTable<N> table, std::uint8_t type) {
  for (const auto& handler : table) {
    if (handler.type == type) return &handler;
  }
  return nullptr;
}

template <class N>
void write_options(OptionTable<N> table, const N& n, ByteWriter& w) {
  for (const auto& handler : table) handler.write(n, w);
}

// RFC 1661 5.1: options without a handler are rejected; a malformed list
// makes the whole packet invalid.
template <class N>
Verdict examine_options(OptionTable<N> table, N& n, Bytes options, ConfigureReply& reply) {
  n.peer = {};
  for (wire::PppOptionReader r(options); !r.done();) {
    auto option = r.next();
    if (!option) return Verdict::malformed();
    const auto* handler = find_handler(table, option->type);
    if (!handler) {
      reply.reject(*option);
      continue;
    }
    const Verdict verdict = handler->examine(n, *option, reply);
    if (verdict.kind != Verdict::Kind::kApplied) return verdict;
  }
  return Verdict::applied();
}

// RFC 1661 5.3: naked options we do not know are ignored (we would not
// request them anyway).
template <class N>
Verdict apply_naks(OptionTable<N> table, N& n, Bytes options) {
  for (wire::PppOptionReader r(options); !r.done();) {
    auto option = r.next();
    if (!option) return Verdict::malformed();
    const auto* handler = find_handler(table, option->type);
    if (!handler) continue;
    const Verdict verdict = handler->nak(n, *option);
    if (verdict.kind != Verdict::Kind::kApplied) return verdict;
  }
  return Verdict::applied();
}

// The automaton has checked that every rejected option is one we sent.
template <class N>
Verdict apply_rejects(OptionTable<N> table, N& n, Bytes options) {
  for (wire::PppOptionReader r(options); !r.done();) {
    auto option = r.next();
    if (!option) return Verdict::malformed();
    const auto* handler = find_handler(table, option->type);
    if (!handler) continue;
    const Verdict verdict = handler->reject(n);
    if (verdict.kind != Verdict::Kind::kApplied) return verdict;
  }
  return Verdict::applied();
}

}  // namespace pptpkit::ppp
