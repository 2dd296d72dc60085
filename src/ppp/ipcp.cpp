#include "ppp/ipcp.h"

#include <array>

#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

namespace {

using wire::PppOption;
using Handler = OptionHandler<IpcpNegotiation>;
using Field = std::optional<Ipv4Address> IpcpRequest::*;
using AssignedField = std::optional<Ipv4Address> Ipv4Assignment::*;

template <std::uint8_t Type, Field F>
void write_address(const IpcpNegotiation& n, ByteWriter& w) {
  if (n.ours.*F) write_u32_option(w, Type, *(n.ours.*F));
}

// --- IP-Address (RFC 1332 3.3) -----------------------------------------------

// The authenticator insists on the address it assigned; the peer accepts the
// authenticator's own address, whatever it is, but cannot assign one.
Verdict examine_ip_address(IpcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto address = wire::decode_u32_option(option);
  if (!address) {
    reply.reject(option);
  } else if (n.role == Role::kAuthenticator && *address != n.assignment.peer) {
    reply.nak(option, be32(n.assignment.peer));
  } else if (n.role == Role::kPeer && *address == 0) {
    reply.reject(option);
  } else {
    n.peer.address = *address;
  }
  return Verdict::applied();
}

// The peer takes the address it is given; the authenticator's own address
// is not the peer's to choose.
Verdict nak_ip_address(IpcpNegotiation& n, const PppOption& option) {
  auto address = wire::decode_u32_option(option);
  if (!address) return Verdict::malformed();
  if (n.role == Role::kAuthenticator || *address == 0) return Verdict::refused(CloseReason::kNoAddress);
  n.ours.address = *address;
  return Verdict::applied();
}

// On a point-to-point link the authenticator does not need the peer to know
// its address; the peer cannot work without one.
Verdict reject_ip_address(IpcpNegotiation& n) {
  if (n.role == Role::kPeer) return Verdict::refused(CloseReason::kNoAddress);
  n.ours.address.reset();
  return Verdict::applied();
}

// --- Primary/Secondary DNS and NBNS (RFC 1877 1.1-1.4) ------------------------

// Only the authenticator supplies servers; it naks toward the ones it has
// and rejects the ones it has not.
template <Field F, AssignedField A>
Verdict examine_server(IpcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto address = wire::decode_u32_option(option);
  const std::optional<Ipv4Address> ours = n.assignment.*A;
  if (!address || n.role == Role::kPeer || !ours) {
    reply.reject(option);
  } else if (*address != *ours) {
    reply.nak(option, be32(*ours));
  } else {
    n.peer.*F = *address;
  }
  return Verdict::applied();
}

template <Field F>
Verdict nak_server(IpcpNegotiation& n, const PppOption& option) {
  auto address = wire::decode_u32_option(option);
  if (!address) return Verdict::malformed();
  n.ours.*F = *address;
  return Verdict::applied();
}

template <Field F>
Verdict reject_server(IpcpNegotiation& n) {
  (n.ours.*F).reset();
  return Verdict::applied();
}

template <std::uint8_t Type, Field F, AssignedField A>
constexpr Handler server_handler() {
  return {Type, write_address<Type, F>, examine_server<F, A>, nak_server<F>, reject_server<F>};
}

constexpr std::array<Handler, 5> kIpcpOptions{{
    {wire::kIpcpIpAddress, write_address<wire::kIpcpIpAddress, &IpcpRequest::address>, examine_ip_address,
     nak_ip_address, reject_ip_address},
    server_handler<wire::kIpcpPrimaryDns, &IpcpRequest::primary_dns, &Ipv4Assignment::primary_dns>(),
    server_handler<wire::kIpcpPrimaryNbns, &IpcpRequest::primary_nbns, &Ipv4Assignment::primary_nbns>(),
    server_handler<wire::kIpcpSecondaryDns, &IpcpRequest::secondary_dns, &Ipv4Assignment::secondary_dns>(),
    server_handler<wire::kIpcpSecondaryNbns, &IpcpRequest::secondary_nbns, &Ipv4Assignment::secondary_nbns>(),
}};

constexpr OptionTable<IpcpNegotiation> kTable = kIpcpOptions;

}  // namespace

Ipcp::Ipcp(const IpcpConfig& config, Role role, ControlOutput& output, LayerEvents& events, FsmLimits limits)
    : ControlProtocol(wire::kPppIpcp, output, events, limits), negotiation_{config, role, {}, {}, {}} {}

void Ipcp::reset_negotiation() {
  IpcpRequest& ours = negotiation_.ours;
  ours = {};
  if (negotiation_.role == Role::kAuthenticator) {
    ours.address = negotiation_.assignment.local;
    return;
  }
  // RFC 1877: 0.0.0.0 asks the authenticator to fill the value in.
  ours.address = 0;
  if (negotiation_.config.request_dns) ours.primary_dns = ours.secondary_dns = 0;
  if (negotiation_.config.request_nbns) ours.primary_nbns = ours.secondary_nbns = 0;
}

void Ipcp::write_request(ByteWriter& w) { write_options(kTable, negotiation_, w); }

// RFC 1332 3.3: a peer that does not ask for an address is told the one it
// gets (RFC 1661 5.3 allows naking options that were not requested). A peer
// that asked for one (0.0.0.0, as pppd does) was already naked by
// examine_ip_address: a second IP-Address in the same Nak makes pppd 2.4.9
// discard the whole Nak ("received bad Nak") and the link never gets an
// address (docs/interop.md).
Verdict Ipcp::examine_request(Bytes options, ConfigureReply& reply) {
  bool asked_for_address = false;
  for (std::size_t i = 0; i + 2 <= options.size();) {
    if (options[i] == wire::kIpcpIpAddress) asked_for_address = true;
    if (options[i + 1] < 2) break;
    i += options[i + 1];
  }
  const Verdict verdict = examine_options(kTable, negotiation_, options, reply);
  if (verdict.kind == Verdict::Kind::kApplied && negotiation_.role == Role::kAuthenticator &&
      !asked_for_address && !negotiation_.peer.address) {
    reply.suggest(wire::kIpcpIpAddress, be32(negotiation_.assignment.peer));
  }
  return verdict;
}

Verdict Ipcp::on_nak(Bytes options) { return apply_naks(kTable, negotiation_, options); }

Verdict Ipcp::on_reject(Bytes options) { return apply_rejects(kTable, negotiation_, options); }

Ipv4Assignment Ipcp::agreed() const {
  const IpcpNegotiation& n = negotiation_;
  if (n.role == Role::kAuthenticator) return n.assignment;
  return {n.ours.address.value_or(0), n.peer.address.value_or(0), n.ours.primary_dns,
          n.ours.secondary_dns,       n.ours.primary_nbns,        n.ours.secondary_nbns};
}

}  // namespace pptpkit::ppp
