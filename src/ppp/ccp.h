// The Compression Control Protocol (RFC 1962) as PPTP uses it: only to
// negotiate MPPE (RFC 3078, option 18 of RFC 2118). A Configure-Request
// names what its sender is willing to receive, so our request sets the
// peer's encryption toward us and the peer's request ours toward it; both
// must end up equal. Compression (MPPC, the C bit) is never agreed.
//
// Reset-Request (RFC 1962 1.1) is how a stateful MPPE receiver that lost
// packets asks the sender to flush its state (RFC 3078 8); MPPE answers
// with a flushed packet, never with a Reset-Ack.
#pragma once

#include <optional>

#include "ppp/control_protocol.h"
#include "ppp/mppe.h"
#include "ppp/option_table.h"

namespace pptpkit::ppp {

enum class MppePolicy : std::uint8_t {
  kRequired,  // no data until MPPE runs; the link closes if the peer refuses it
  kOptional,  // MPPE if the peer agrees, plaintext otherwise
  kRefused,   // CCP is not run (the peer's CCP packets are Protocol-Rejected)
};

std::string_view to_string(MppePolicy p);

struct CcpConfig {
  MppePolicy policy = MppePolicy::kRequired;
  bool allow_40_bit = false;
  bool allow_56_bit = false;
  bool allow_128_bit = true;
  // Stateful mode (no H bit) keeps RC4 running across packets and needs
  // Reset-Requests after loss; pppd and Windows prefer stateless.
  bool allow_stateful = false;
};

// The MPPE parameters an MPPE option's Supported Bits name (RFC 3078 2):
// the strongest strength offered and H for stateless mode; nullopt when no
// strength is named. Also what decode reads from a captured Configure-Ack.
std::optional<MppeConfig> mppe_parameters(std::uint32_t supported_bits);

struct CcpRequest {
  std::optional<std::uint32_t> mppe;  // Supported Bits
};

struct CcpNegotiation {
  const CcpConfig& config;
  CcpRequest ours;
  CcpRequest peer;
};

// The reaction to a Reset-Request, which only the MPPE engine can give.
class ResetListener {
 public:
  virtual ~ResetListener() = default;
  virtual void reset_requested(Timestamp now) = 0;
};

class Ccp final : public ControlProtocol {
 public:
  Ccp(const CcpConfig& config, ControlOutput& output, LayerEvents& events, ResetListener& resets,
      FsmLimits limits);

  // Valid once the layer is up: how the peer encrypts toward us (our
  // request) and how we encrypt toward it (its request).
  std::optional<MppeConfig> receive_parameters() const;
  std::optional<MppeConfig> send_parameters() const;

  // RFC 1962 1.1: ask the peer to flush its (stateful) MPPE sender.
  void send_reset_request(Timestamp now);

  // FsmHandler
  void reset_negotiation() override;
  void write_request(ByteWriter& w) override;
  Verdict examine_request(Bytes options, ConfigureReply& reply) override;
  void on_ack() override {}
  Verdict on_nak(Bytes options) override;
  Verdict on_reject(Bytes options) override;
  bool on_extra_code(Timestamp now, const wire::PppControlPacket& packet) override;

 private:
  CcpNegotiation negotiation_;
  ResetListener& resets_;
};

}  // namespace pptpkit::ppp
