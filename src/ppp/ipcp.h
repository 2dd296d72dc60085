// The IP Control Protocol (RFC 1332) with Microsoft's DNS and NBNS options
// (RFC 1877). The authenticator assigns both ends' addresses (from an
// Ipv4Assignment the link's owner provides after authentication) and the
// name servers; the peer asks for 0.0.0.0 and takes what it is naked.
// IP-Compression-Protocol (Van Jacobson) has no handler and is rejected.
#pragma once

#include <cstdint>
#include <optional>

#include "ppp/control_protocol.h"
#include "ppp/option_table.h"
#include "ppp/role.h"

namespace pptpkit::ppp {

// An IPv4 address in host order (10.0.0.1 is 0x0A000001).
using Ipv4Address = std::uint32_t;

struct Ipv4Assignment {
  Ipv4Address local = 0;  // our end of the link
  Ipv4Address peer = 0;   // the address the peer gets
  std::optional<Ipv4Address> primary_dns;
  std::optional<Ipv4Address> secondary_dns;
  std::optional<Ipv4Address> primary_nbns;
  std::optional<Ipv4Address> secondary_nbns;
};

// Peer role: which RFC 1877 servers to ask for (Windows asks for all four;
// pppd's usepeerdns asks for DNS only).
struct IpcpConfig {
  bool request_dns = true;
  bool request_nbns = false;
};

struct IpcpRequest {
  std::optional<Ipv4Address> address;
  std::optional<Ipv4Address> primary_dns;
  std::optional<Ipv4Address> secondary_dns;
  std::optional<Ipv4Address> primary_nbns;
  std::optional<Ipv4Address> secondary_nbns;
};

struct IpcpNegotiation {
  const IpcpConfig& config;
  Role role;
  Ipv4Assignment assignment;  // authenticator only
  IpcpRequest ours;
  IpcpRequest peer;
};

class Ipcp final : public ControlProtocol {
 public:
  Ipcp(const IpcpConfig& config, Role role, ControlOutput& output, LayerEvents& events, FsmLimits limits);

  // Authenticator: what to hand out, set before the automaton opens.
  void set_assignment(const Ipv4Assignment& assignment) { negotiation_.assignment = assignment; }

  // The agreed addresses, valid once the layer is up: for the peer role the
  // name servers are the ones the authenticator supplied.
  Ipv4Assignment agreed() const;

  // FsmHandler
  void reset_negotiation() override;
  void write_request(ByteWriter& w) override;
  Verdict examine_request(Bytes options, ConfigureReply& reply) override;
  void on_ack() override {}
  Verdict on_nak(Bytes options) override;
  Verdict on_reject(Bytes options) override;

 private:
  IpcpNegotiation negotiation_;
};

}  // namespace pptpkit::ppp
