// The Link Control Protocol (RFC 1661 section 5 and 6, RFC 1570): option
// negotiation through the automaton, plus the codes only LCP has
// (Protocol-Reject, Echo, Discard, Identification, Time-Remaining) and the
// Echo keep-alive.
#pragma once

#include <optional>

#include "base/random.h"
#include "ppp/control_protocol.h"
#include "ppp/keepalive.h"
#include "ppp/lcp_options.h"

namespace pptpkit::ppp {

class Lcp final : public ControlProtocol {
 public:
  Lcp(const LcpConfig& config, Role role, RandomSource& random, KeepaliveConfig keepalive,
      ControlOutput& output, LayerEvents& events, FsmLimits limits);

  // What each side asked for, as last agreed: `ours` is what we receive,
  // `peer` what we may send.
  const LcpRequest& ours() const { return negotiation_.ours; }
  const LcpRequest& peer() const { return negotiation_.peer; }

  // RFC 1661 5.7: reject a frame whose protocol we do not speak. Only sent
  // while LCP is Opened; the rejected information is truncated to fit the
  // peer's MRU.
  void reject_protocol(Timestamp now, std::uint16_t protocol, Bytes information);

  void on_timeout(Timestamp now);
  std::optional<Timestamp> next_deadline() const;

  // FsmHandler
  void reset_negotiation() override { reset_lcp_request(negotiation_); }
  void write_request(ByteWriter& w) override;
  Verdict examine_request(Bytes options, ConfigureReply& reply) override;
  void on_ack() override {}
  Verdict on_nak(Bytes options) override;
  Verdict on_reject(Bytes options) override;
  void layer_up(Timestamp now) override;
  void layer_down(Timestamp now) override;
  bool on_extra_code(Timestamp now, const wire::PppControlPacket& packet) override;

 private:
  void answer_echo(Timestamp now, const wire::PppControlPacket& packet);
  void send_echo_request(Timestamp now);

  LcpNegotiation negotiation_;
  Keepalive keepalive_;
  ControlOutput& output_;
};

}  // namespace pptpkit::ppp
