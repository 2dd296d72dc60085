#include "ppp/ccp.h"

#include <array>

#include "wire/ppp_control.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

std::string_view to_string(MppePolicy p) {
  switch (p) {
    case MppePolicy::kRequired:
      return "required";
    case MppePolicy::kOptional:
      return "optional";
    case MppePolicy::kRefused:
      return "refused";
  }
  return "unknown";
}

namespace {

using wire::PppOption;
using Handler = OptionHandler<CcpNegotiation>;

std::uint32_t allowed_strengths(const CcpConfig& c) {
  return (c.allow_40_bit ? wire::kMppe40Bit : 0) | (c.allow_56_bit ? wire::kMppe56Bit : 0) |
         (c.allow_128_bit ? wire::kMppe128Bit : 0);
}

// RFC 3078 2: the strongest of the offered strengths we allow, alone.
std::uint32_t strongest(std::uint32_t bits) {
  for (const std::uint32_t bit : {wire::kMppe128Bit, wire::kMppe56Bit, wire::kMppe40Bit}) {
    if ((bits & bit) != 0) return bit;
  }
  return 0;
}

Verdict no_mppe(CcpNegotiation& n) {
  if (n.config.policy == MppePolicy::kRequired) return Verdict::refused(CloseReason::kMppeRefused);
  n.ours.mppe.reset();
  return Verdict::applied();
}

void write_mppe(const CcpNegotiation& n, ByteWriter& w) {
  if (n.ours.mppe) write_u32_option(w, wire::kCcpMppe, *n.ours.mppe);
}

// Whether our own request asks for stateless mode (H). Both directions must
// run the same mode, so the peer's request is held to it.
bool we_ask_stateless(const CcpNegotiation& n) {
  if (n.ours.mppe) return (*n.ours.mppe & wire::kMppeStateless) != 0;
  return !n.config.allow_stateful;
}

// RFC 3078 2: the receiver of a request offering several strengths Naks with
// exactly one, and with H set when it wants stateless mode; C (MPPC) and D
// are never agreed. A request already naming exactly that is acked. The
// mode is the one of our own request: acking pppd's stateless request while
// pppd acks our stateful one would leave the directions in different modes.
Verdict examine_mppe(CcpNegotiation& n, const PppOption& option, ConfigureReply& reply) {
  auto bits = wire::decode_u32_option(option);
  if (!bits) {
    reply.reject(option);
    return Verdict::applied();
  }
  const std::uint32_t strength = strongest(*bits & allowed_strengths(n.config));
  if (strength == 0) {
    if (n.config.policy == MppePolicy::kRequired) return Verdict::refused(CloseReason::kMppeRefused);
    reply.reject(option);
    return Verdict::applied();
  }
  const std::uint32_t wanted = strength | (we_ask_stateless(n) ? wire::kMppeStateless : 0);
  if (*bits == wanted) {
    n.peer.mppe = wanted;
  } else {
    reply.nak(option, be32(wanted));
  }
  return Verdict::applied();
}

// The peer picked from our offer: fine if it picked one strength we allow;
// without one there is no common MPPE. Its mode is taken if we allow it; a
// Nak toward stateful mode we refuse leaves us asking for stateless, which
// our Nak of the peer's own request tells it too (a peer asking for stateful
// mode while we ask for stateless converges on stateless).
Verdict nak_mppe(CcpNegotiation& n, const PppOption& option) {
  auto bits = wire::decode_u32_option(option);
  if (!bits) return Verdict::malformed();
  const std::uint32_t strength = strongest(*bits & allowed_strengths(n.config));
  if (strength == 0) return no_mppe(n);
  const bool stateless = (*bits & wire::kMppeStateless) != 0 || !n.config.allow_stateful;
  n.ours.mppe = strength | (stateless ? wire::kMppeStateless : 0);
  return Verdict::applied();
}

Verdict reject_mppe(CcpNegotiation& n) { return no_mppe(n); }

constexpr std::array<Handler, 1> kCcpOptions{{
    {wire::kCcpMppe, write_mppe, examine_mppe, nak_mppe, reject_mppe},
}};

constexpr OptionTable<CcpNegotiation> kTable = kCcpOptions;

}  // namespace

std::optional<MppeConfig> mppe_parameters(std::uint32_t bits) {
  MppeConfig p;
  p.mode = (bits & wire::kMppeStateless) != 0 ? MppeMode::kStateless : MppeMode::kStateful;
  switch (strongest(bits)) {
    case wire::kMppe40Bit:
      p.strength = crypto::MppeStrength::k40Bit;
      break;
    case wire::kMppe56Bit:
      p.strength = crypto::MppeStrength::k56Bit;
      break;
    case wire::kMppe128Bit:
      p.strength = crypto::MppeStrength::k128Bit;
      break;
    default:
      return std::nullopt;
  }
  return p;
}

Ccp::Ccp(const CcpConfig& config, ControlOutput& output, LayerEvents& events, ResetListener& resets,
         FsmLimits limits)
    : ControlProtocol(wire::kPppCcp, output, events, limits), negotiation_{config, {}, {}}, resets_(resets) {}

// We offer every strength we allow, and H unless stateful mode is allowed;
// the peer's Nak picks one. pppd always asks for H (even with its
// mppe-stateful) but takes a Nak toward stateful mode when it allows it.
void Ccp::reset_negotiation() {
  const CcpConfig& c = negotiation_.config;
  negotiation_.ours.mppe = allowed_strengths(c) | (c.allow_stateful ? 0 : wire::kMppeStateless);
}

void Ccp::write_request(ByteWriter& w) { write_options(kTable, negotiation_, w); }

Verdict Ccp::examine_request(Bytes options, ConfigureReply& reply) {
  return examine_options(kTable, negotiation_, options, reply);
}

Verdict Ccp::on_nak(Bytes options) { return apply_naks(kTable, negotiation_, options); }

Verdict Ccp::on_reject(Bytes options) { return apply_rejects(kTable, negotiation_, options); }

std::optional<MppeConfig> Ccp::receive_parameters() const {
  return negotiation_.ours.mppe ? mppe_parameters(*negotiation_.ours.mppe) : std::nullopt;
}

std::optional<MppeConfig> Ccp::send_parameters() const {
  return negotiation_.peer.mppe ? mppe_parameters(*negotiation_.peer.mppe) : std::nullopt;
}

void Ccp::send_reset_request(Timestamp now) {
  if (fsm().opened()) fsm().send_new_packet(now, wire::kPppResetRequest, {});
}

bool Ccp::on_extra_code(Timestamp now, const wire::PppControlPacket& packet) {
  switch (packet.code) {
    case wire::kPppResetRequest:
      if (fsm().opened()) resets_.reset_requested(now);
      return true;
    case wire::kPppResetAck:  // MPPE never sends one; nothing to do if a peer does
      return true;
    default:
      return false;
  }
}

}  // namespace pptpkit::ppp
