// The IPv6 Control Protocol (RFC 5072): each end picks a random non-zero
// Interface-Identifier for its link-local address (RFC 5072 4.1) and the
// negotiation resolves zero and colliding identifiers.
#pragma once

#include <optional>

#include "base/random.h"
#include "ppp/control_protocol.h"
#include "ppp/option_table.h"
#include "wire/ppp_options.h"

namespace pptpkit::ppp {

struct Ipv6cpRequest {
  std::optional<wire::InterfaceIdentifier> identifier;
};

struct Ipv6cpNegotiation {
  RandomSource& random;
  Ipv6cpRequest ours;
  Ipv6cpRequest peer;
};

class Ipv6cp final : public ControlProtocol {
 public:
  Ipv6cp(RandomSource& random, ControlOutput& output, LayerEvents& events, FsmLimits limits);

  // The agreed identifiers, valid once the layer is up (absent if the
  // option was rejected).
  std::optional<wire::InterfaceIdentifier> local_identifier() const { return negotiation_.ours.identifier; }
  std::optional<wire::InterfaceIdentifier> peer_identifier() const { return negotiation_.peer.identifier; }

  // FsmHandler
  void reset_negotiation() override;
  void write_request(ByteWriter& w) override;
  Verdict examine_request(Bytes options, ConfigureReply& reply) override;
  void on_ack() override {}
  Verdict on_nak(Bytes options) override;
  Verdict on_reject(Bytes options) override;

 private:
  Ipv6cpNegotiation negotiation_;
};

}  // namespace pptpkit::ppp
