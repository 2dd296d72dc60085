// The authenticator's side of Microsoft's Callback Control Protocol
// (MS-CBCP 1.3, 3.1): when a Windows client's LCP Callback option (operation
// 6) was agreed, the server runs CBCP after authentication. We never call
// back: the Callback-Request offers only "no callback", the client's
// Callback-Response picks it, our Callback-Ack ends the exchange and the
// link goes on to the Network phase.
#pragma once

#include <cstdint>
#include <optional>

#include "base/time.h"
#include "ppp/fsm.h"
#include "wire/ppp_control.h"

namespace pptpkit::ppp {

class CbcpServer {
 public:
  enum class State : std::uint8_t { kIdle, kRequesting, kDone, kFailed };

  // The restart interval and Max-Configure of `limits` pace the requests.
  CbcpServer(ControlOutput& output, FsmLimits limits) : output_(output), limits_(limits) {}

  void start(Timestamp now);
  // LCP went down: the exchange is over without a result.
  void stop() {
    state_ = State::kIdle;
    deadline_.reset();
  }
  void on_packet(Timestamp now, const wire::PppControlPacket& packet);
  void on_timeout(Timestamp now);
  std::optional<Timestamp> next_deadline() const { return deadline_; }
  State state() const { return state_; }

 private:
  void send_request(Timestamp now);

  ControlOutput& output_;
  FsmLimits limits_;
  State state_ = State::kIdle;
  std::uint8_t identifier_ = 0;
  int tries_left_ = 0;
  std::optional<Timestamp> deadline_;
};

}  // namespace pptpkit::ppp
