#include "gre/channel.h"

#include <algorithm>

namespace pptpkit::gre {
namespace {

inline constexpr std::size_t kMaxPayload = 0xFFFF;  // Payload Length is 16 bits (4.1)

std::optional<Timestamp> earliest(std::optional<Timestamp> a, std::optional<Timestamp> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

}  // namespace

std::string_view to_string(SendError e) {
  switch (e) {
    case SendError::kNoHeadroom:
      return "no headroom for the GRE header";
    case SendError::kPayloadTooLarge:
      return "payload longer than 65535 octets";
    case SendError::kBufferTooSmall:
      return "output buffer too small";
  }
  return "unknown error";
}

// Passes the receiver's non-empty payloads to the owner's sink, with the
// channel they came from.
class Channel::Delivery final : public PayloadSink {
 public:
  Delivery(Channel& channel, ChannelSink& sink) : channel_(channel), sink_(sink) {}

  void deliver(std::uint32_t, Bytes payload) override {
    if (payload.empty()) return;
    ++channel_.stats_.delivered;
    sink_.on_payload(channel_, payload);
  }

 private:
  Channel& channel_;
  ChannelSink& sink_;
};

Channel::Channel(const ChannelConfig& config)
    : config_(config),
      sender_(SenderConfig{config.flow_control, config.peer_window, config.rtt, config.first_sequence}),
      receiver_(config.receiver),
      ack_timer_(config.ack_delay, std::max<std::uint32_t>(config.receive_window / 2u, 1)),
      queue_(config.flow_control == FlowControl::kStrict ? config.send_queue_limit : 0) {}

std::optional<DropReason> Channel::on_packet(Timestamp now, const wire::GreV1Packet& packet,
                                             ChannelSink& sink) {
  if (packet.header.ack) sender_.on_ack(now, *packet.header.ack);
  if (!packet.header.sequence) return std::nullopt;  // acknowledgment only
  Delivery delivery(*this, sink);
  const auto drop = receiver_.on_packet(now, *packet.header.sequence, packet.payload, delivery);
  if (drop) {
    stats_.drops.add(*drop);
  } else {
    ack_timer_.on_received(now, *packet.header.sequence);
  }
  return drop;
}

Result<Channel::Sent, SendError> Channel::send_payload(Timestamp now, MutableBytes buffer,
                                                       std::size_t payload_offset, std::size_t payload_size) {
  if (payload_offset < kHeadroom || payload_offset > buffer.size()) return Unexpected{SendError::kNoHeadroom};
  if (payload_size > kMaxPayload || payload_size > buffer.size() - payload_offset) {
    return Unexpected{SendError::kPayloadTooLarge};
  }
  if (!queue_.empty() || !sender_.can_send()) {
    if (queue_.push(buffer.subspan(payload_offset, payload_size))) ++stats_.queue_overflows;
    return Sent{};
  }
  const wire::GreV1Header header = header_for(sender_.on_send(now), payload_size);
  const std::size_t start = payload_offset - wire::header_size(header);
  auto header_size = write_header(header, buffer.subspan(start));
  if (!header_size) return Unexpected{header_size.error()};
  return Sent{buffer.subspan(start, *header_size + payload_size)};
}

Result<std::size_t, SendError> Channel::poll_transmit(Timestamp now, MutableBytes out) {
  if (!queue_.empty() && sender_.can_send()) {
    const Bytes payload = queue_.front();
    if (out.size() < kHeadroom + payload.size()) return Unexpected{SendError::kBufferTooSmall};
    auto header_size = write_header(header_for(sender_.on_send(now), payload.size()), out);
    if (!header_size) return header_size;
    std::copy(payload.begin(), payload.end(), out.begin() + static_cast<std::ptrdiff_t>(*header_size));
    queue_.pop();
    return *header_size + payload.size();
  }
  if (ack_timer_.due(now)) {
    auto size = write_header(header_for(std::nullopt, 0), out);
    if (size) ++stats_.acks_sent;
    return size;
  }
  return std::size_t{0};
}

void Channel::on_timeout(Timestamp now, ChannelSink& sink) {
  sender_.on_timeout(now);
  Delivery delivery(*this, sink);
  receiver_.on_timeout(now, delivery);
}

std::optional<Timestamp> Channel::next_deadline() const {
  auto deadline = earliest(sender_.deadline(), receiver_.deadline());
  deadline = earliest(deadline, ack_timer_.deadline());
  // A queued payload the window admits is owed at once.
  if (!queue_.empty() && sender_.can_send()) deadline = earliest(deadline, Timestamp{0});
  return deadline;
}

// RFC 2637 4.1: Key = payload length + the peer's Call ID; the latest
// acknowledgment rides on every packet once anything was delivered.
wire::GreV1Header Channel::header_for(std::optional<std::uint32_t> sequence, std::size_t payload_size) const {
  return wire::GreV1Header{static_cast<std::uint16_t>(payload_size), config_.peer_call_id, sequence,
                           ack_timer_.ack_number()};
}

Result<std::size_t, SendError> Channel::write_header(const wire::GreV1Header& header, MutableBytes out) {
  auto written = wire::encode_gre_v1(header, out);
  if (!written) return Unexpected{SendError::kBufferTooSmall};
  if (header.ack) ack_timer_.on_ack_sent();
  if (header.sequence) ++stats_.data_sent;
  return *written;
}

}  // namespace pptpkit::gre
