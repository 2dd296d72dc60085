// The Link's data path: IP packets in and out, encrypted with MPPE when it
// runs. Sending frames in place in the caller's buffer; receiving copies
// each frame once into a recycled buffer (decrypting in place), so a link
// in steady state does not allocate per packet.
#include <algorithm>

#include "ppp/link.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

using wire::kPppIpcp;
using wire::kPppIpv4;
using wire::kPppIpv6;
using wire::kPppIpv6cp;

std::string_view to_string(SendError e) {
  switch (e) {
    case SendError::kNotReady:
      return "network protocol not ready";
    case SendError::kNotIp:
      return "not an IP packet";
    case SendError::kNoHeadroom:
      return "not enough headroom";
    case SendError::kTooBig:
      return "larger than the peer's MRU";
  }
  return "unknown";
}

Result<Bytes, SendError> Link::send_ip(Timestamp, MutableBytes buffer, std::size_t headroom,
                                       std::size_t size) {
  if (headroom > buffer.size() || size == 0 || size > buffer.size() - headroom) {
    return Unexpected{SendError::kNotIp};
  }
  const std::uint8_t version = buffer[headroom] >> 4;
  if (version != 4 && version != 6) return Unexpected{SendError::kNotIp};
  const std::uint16_t protocol = version == 4 ? kPppIpv4 : kPppIpv6;
  if (!carries_data(version == 4 ? kPppIpcp : kPppIpv6cp)) return Unexpected{SendError::kNotReady};
  const wire::PppFrameOptions options = send_options();
  // RFC 3078 3: with MPPE the frame is a compressed datagram whose
  // information is the MPPE header and the encrypted Protocol and payload.
  const std::uint16_t frame_protocol = mppe_sender_ ? wire::kPppCompressedDatagram : protocol;
  const std::size_t inner = mppe_sender_ ? kMppeHeaderSize + 2 : 0;
  if (inner + size > peer_mru()) return Unexpected{SendError::kTooBig};
  const std::size_t header = wire::ppp_header_size(frame_protocol, options);
  if (headroom < header + inner) return Unexpected{SendError::kNoHeadroom};
  const std::size_t start = headroom - inner - header;
  if (mppe_sender_) {
    const MutableBytes sealed = buffer.subspan(headroom - inner, inner + size);
    sealed[kMppeHeaderSize] = static_cast<std::uint8_t>(protocol >> 8);
    sealed[kMppeHeaderSize + 1] = static_cast<std::uint8_t>(protocol);
    mppe_sender_->encrypt(sealed);
  }
  if (!wire::encode_ppp_header(frame_protocol, options, buffer.subspan(start, header))) {
    return Unexpected{SendError::kNoHeadroom};
  }
  return Bytes(buffer.subspan(start, header + inner + size));
}

std::vector<std::uint8_t> Link::take_buffer(Bytes contents) {
  std::vector<std::uint8_t> buffer;
  if (!free_buffers_.empty()) {
    buffer = std::move(free_buffers_.back());
    free_buffers_.pop_back();
  }
  buffer.assign(contents.begin(), contents.end());
  return buffer;
}

// RFC 3078 8 (and pppd's rule): once MPPE runs, or when policy requires it,
// plaintext IP is dropped.
void Link::receive_data(Timestamp now, std::uint16_t protocol, Bytes information) {
  if (protocol != wire::kPppCompressedDatagram) {
    if (mppe_receiver_ || config_.ccp.policy == MppePolicy::kRequired) {
      drops_.count(LinkDrop::kPlaintextUnderMppe);
      return;
    }
    deliver(protocol, take_buffer(information), 0, information.size());
    return;
  }
  if (!mppe_receiver_) {
    drops_.count(LinkDrop::kEncryptedWithoutMppe);
    return;
  }
  std::vector<std::uint8_t> buffer = take_buffer(information);
  auto plaintext = mppe_receiver_->decrypt(buffer);
  if (mppe_receiver_->take_reset_request()) ccp_.send_reset_request(now);
  if (!plaintext) {
    drops_.count(plaintext.error());
    free_buffers_.push_back(std::move(buffer));
    return;
  }
  const auto offset = static_cast<std::size_t>(plaintext->payload.data() - buffer.data());
  deliver(plaintext->protocol, std::move(buffer), offset, plaintext->payload.size());
}

void Link::deliver(std::uint16_t protocol, std::vector<std::uint8_t> buffer, std::size_t offset,
                   std::size_t size) {
  const bool open = (protocol == kPppIpv4 && ipcp_.fsm().opened()) ||
                    (protocol == kPppIpv6 && spoken_.ipv6 && ipv6cp_.fsm().opened());
  if (!open) {
    drops_.count(LinkDrop::kNetworkProtocolDown);
    free_buffers_.push_back(std::move(buffer));
    return;
  }
  received_.push_back(Received{protocol, std::move(buffer), offset, size});
}

std::optional<ReceivedIp> Link::poll_ip() {
  if (polled_.capacity() > 0) free_buffers_.push_back(std::move(polled_));
  polled_ = {};
  if (received_.empty()) return std::nullopt;
  Received r = std::move(received_.front());
  received_.pop_front();
  polled_ = std::move(r.buffer);
  return ReceivedIp{r.protocol, Bytes(polled_).subspan(r.offset, r.size)};
}

}  // namespace pptpkit::ppp
