#include "ppp/cbcp.h"

#include <array>
#include <vector>

#include "wire/ppp_cbcp.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

void CbcpServer::start(Timestamp now) {
  state_ = State::kRequesting;
  tries_left_ = limits_.max_configure;
  send_request(now);
}

void CbcpServer::send_request(Timestamp now) {
  // MS-CBCP 2.2.3: the "no callback" option is just Type and Length.
  static constexpr std::array<std::uint8_t, 2> kNoCallback{wire::kCbcpNoCallback, 2};
  std::array<std::uint8_t, wire::kPppControlHeaderSize + kNoCallback.size()> packet{};
  ++identifier_;
  if (!wire::encode_ppp_control_packet(wire::kCbcpCallbackRequest, identifier_, kNoCallback, packet)) return;
  --tries_left_;
  deadline_ = now + limits_.restart_interval;
  output_.send_control(now, wire::kPppCbcp, packet);
}

// MS-CBCP 3.1.5.2: the Response must answer our Request and choose an
// option we offered, that is "no callback".
void CbcpServer::on_packet(Timestamp now, const wire::PppControlPacket& packet) {
  if (state_ != State::kRequesting || packet.code != wire::kCbcpCallbackResponse ||
      packet.identifier != identifier_) {
    return;
  }
  bool no_callback = false;
  for (wire::PppOptionReader r(packet.data); !r.done();) {
    auto option = r.next();
    no_callback = no_callback || (option && option->type == wire::kCbcpNoCallback);
  }
  if (!no_callback) return;
  std::vector<std::uint8_t> ack(wire::kPppControlHeaderSize + packet.data.size());
  if (!wire::encode_ppp_control_packet(wire::kCbcpCallbackAck, packet.identifier, packet.data, ack)) return;
  output_.send_control(now, wire::kPppCbcp, ack);
  deadline_.reset();
  state_ = State::kDone;
}

void CbcpServer::on_timeout(Timestamp now) {
  if (!deadline_ || now < *deadline_) return;
  deadline_.reset();
  if (tries_left_ > 0) {
    send_request(now);
  } else {
    state_ = State::kFailed;
  }
}

}  // namespace pptpkit::ppp
