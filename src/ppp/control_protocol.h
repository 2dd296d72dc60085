// What LCP, IPCP, IPV6CP and CCP share: an RFC 1661 automaton whose
// this-layer actions are reported to the link, which sequences the phases.
#pragma once

#include <cstdint>

#include "base/time.h"
#include "ppp/close_reason.h"
#include "ppp/fsm.h"

namespace pptpkit::ppp {

// The link's side of its control protocols.
class LayerEvents {
 public:
  virtual ~LayerEvents() = default;
  // RFC 1661 4.4 This-Layer-Up / -Down / -Finished of `protocol`.
  virtual void layer_up(Timestamp now, std::uint16_t protocol) = 0;
  virtual void layer_down(Timestamp now, std::uint16_t protocol) = 0;
  virtual void layer_finished(Timestamp now, std::uint16_t protocol, CloseReason reason) = 0;
  // RFC 1661 5.7: the peer sent an LCP Protocol-Reject for `protocol`.
  virtual void protocol_rejected(Timestamp now, std::uint16_t protocol) = 0;
};

class ControlProtocol : public FsmHandler {
 public:
  ControlProtocol(std::uint16_t protocol, ControlOutput& output, LayerEvents& events, FsmLimits limits)
      : events_(events), fsm_(protocol, *this, output, limits) {}
  ControlProtocol(const ControlProtocol&) = delete;
  ControlProtocol& operator=(const ControlProtocol&) = delete;

  Fsm& fsm() { return fsm_; }
  const Fsm& fsm() const { return fsm_; }

  void layer_up(Timestamp now) override { events_.layer_up(now, fsm_.protocol()); }
  void layer_down(Timestamp now) override { events_.layer_down(now, fsm_.protocol()); }
  // The lower layer of every protocol here (the PPTP call for LCP, LCP for
  // the others) is up before the automaton is opened, so there is nothing
  // to start.
  void layer_started(Timestamp) override {}
  void layer_finished(Timestamp now) override {
    events_.layer_finished(now, fsm_.protocol(), fsm_.close_reason());
  }
  bool on_extra_code(Timestamp, const wire::PppControlPacket&) override { return false; }

 protected:
  LayerEvents& events_;

 private:
  Fsm fsm_;
};

}  // namespace pptpkit::ppp
