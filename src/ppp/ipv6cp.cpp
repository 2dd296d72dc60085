#include "ppp/ipv6cp.h"

#include <algorithm>
#include <array>

#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

namespace {

using wire::InterfaceIdentifier;
using wire::PppOption;
using Handler = OptionHandler<Ipv6cpNegotiation>;

constexpr InterfaceIdentifier kZero{};

// A random identifier that is neither zero nor `avoid`.
InterfaceIdentifier random_identifier(RandomSource& random, const std::optional<InterfaceIdentifier>& avoid) {
  InterfaceIdentifier id{};
  while (id == kZero || id == avoid) random.fill(id);
  return id;
}

void write_identifier(const Ipv6cpNegotiation& n, ByteWriter& w) {
  if (n.ours.identifier) write_option(w, wire::kIpv6cpInterfaceIdentifier, *n.ours.identifier);
}

// RFC 5072 4.1: a zero identifier asks us to suggest one; one equal to ours
// collides, and is naked with a different value.
Verdict examine_identifier(Ipv6cpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto id = wire::decode_interface_identifier_option(option);
  if (!id) {
    reply.reject(option);
  } else if (*id == kZero || *id == n.ours.identifier) {
    reply.nak(option, random_identifier(n.random, n.ours.identifier));
  } else {
    n.peer.identifier = *id;
  }
  return Verdict::applied();
}

// RFC 5072 4.1: take the suggested identifier unless it is unusable (zero, or
// the peer's own), in which case pick another at random.
Verdict nak_identifier(Ipv6cpNegotiation& n, const PppOption& option) {
  auto id = wire::decode_interface_identifier_option(option);
  if (!id) return Verdict::malformed();
  n.ours.identifier =
      *id != kZero && *id != n.peer.identifier ? *id : random_identifier(n.random, n.peer.identifier);
  return Verdict::applied();
}

Verdict reject_identifier(Ipv6cpNegotiation& n) {
  n.ours.identifier.reset();
  return Verdict::applied();
}

constexpr std::array<Handler, 1> kIpv6cpOptions{{
    {wire::kIpv6cpInterfaceIdentifier, write_identifier, examine_identifier, nak_identifier,
     reject_identifier},
}};

constexpr OptionTable<Ipv6cpNegotiation> kTable = kIpv6cpOptions;

}  // namespace

Ipv6cp::Ipv6cp(RandomSource& random, ControlOutput& output, LayerEvents& events, FsmLimits limits)
    : ControlProtocol(wire::kPppIpv6cp, output, events, limits), negotiation_{random, {}, {}} {}

void Ipv6cp::reset_negotiation() {
  negotiation_.ours.identifier = random_identifier(negotiation_.random, negotiation_.peer.identifier);
}

void Ipv6cp::write_request(ByteWriter& w) { write_options(kTable, negotiation_, w); }

Verdict Ipv6cp::examine_request(Bytes options, ConfigureReply& reply) {
  return examine_options(kTable, negotiation_, options, reply);
}

Verdict Ipv6cp::on_nak(Bytes options) { return apply_naks(kTable, negotiation_, options); }

Verdict Ipv6cp::on_reject(Bytes options) { return apply_rejects(kTable, negotiation_, options); }

}  // namespace pptpkit::ppp
