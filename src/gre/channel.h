// One call's data channel: enhanced GRE (RFC 2637 section 4) in both
// directions, without I/O. The runtime (or the demux) feeds it received
// packets, payloads to send and the time; it returns packets to send,
// delivers payloads in order through a sink, and says when it next needs
// on_timeout(). Composes the Sender, Receiver and AckTimer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/time.h"
#include "gre/ack_timer.h"
#include "gre/drop_counters.h"
#include "gre/receiver.h"
#include "gre/send_queue.h"
#include "gre/sender.h"
#include "wire/gre_v1.h"

namespace pptpkit::gre {

// Room the caller leaves in front of a payload for Channel::send to write
// the GRE header into (cf. wireguard-go's headroom).
inline constexpr std::size_t kHeadroom = wire::kGreV1MaxHeaderSize;

struct ChannelConfig {
  std::uint16_t peer_call_id = 0;  // written into the Key of every packet we send (4.1)
  FlowControl flow_control = FlowControl::kOff;
  std::uint16_t peer_window = 64;     // the peer's advertised Receive Window Size
  std::uint16_t receive_window = 64;  // ours, as we advertise it
  RttConfig rtt;
  std::uint32_t first_sequence = 1;                    // see SenderConfig
  std::size_t send_queue_limit = 64;                   // strict only
  Duration ack_delay = std::chrono::milliseconds(20);  // before an ack-only packet
  ReceiverConfig receiver;
};

enum class SendError : std::uint8_t {
  kNoHeadroom,       // fewer than kHeadroom octets before the payload
  kPayloadTooLarge,  // more than 65535 octets: Payload Length is 16 bits
  kBufferTooSmall,   // poll_transmit: the output cannot hold the packet
};

std::string_view to_string(SendError e);

struct ChannelStats {
  std::uint64_t data_sent = 0;        // data packets handed out to send
  std::uint64_t acks_sent = 0;        // acknowledgment-only packets
  std::uint64_t delivered = 0;        // payloads delivered in order
  std::uint64_t queue_overflows = 0;  // strict: oldest queued payload dropped
  DropCounters drops;                 // received packets dropped, by reason
};

class Channel;

// Receives a channel's in-order payloads (PPP frames). Implemented by the
// owner of the session.
class ChannelSink {
 public:
  virtual void on_payload(Channel& channel, Bytes payload) = 0;

 protected:
  ~ChannelSink() = default;
};

class Channel {
 public:
  // What send_payload() did with a payload.
  struct Sent {
    // The GRE packet to transmit now, written in place in the caller's
    // buffer, or empty when the payload was queued (strict window full).
    Bytes packet;
  };

  explicit Channel(const ChannelConfig& config);

  // A GRE version 1 packet for this call, already matched to it by the
  // demux (RFC 2637 4.1). Takes its ack (4.2.5), then delivers, holds or
  // drops its payload (4.3). Returns the drop reason, if dropped; a packet
  // whose ack is taken is not a drop even when its payload is.
  std::optional<DropReason> on_packet(Timestamp now, const wire::GreV1Packet& packet, ChannelSink& sink);

  // Sends the `payload_size` octets at `payload_offset` in `buffer`, where at
  // least kHeadroom octets precede them. When the window allows, writes the
  // header (Sequence Number, and the latest Acknowledgment Number
  // piggybacked) just in front of the payload and returns the packet;
  // otherwise copies the payload into the send queue.
  Result<Sent, SendError> send_payload(Timestamp now, MutableBytes buffer, std::size_t payload_offset,
                                       std::size_t payload_size);

  // The next packet owed to the network, written into `out`: a queued
  // payload the window now admits, else an acknowledgment-only packet
  // (RFC 2637 4.1: S clear, A set, no payload) once the ack delay expired.
  // Returns its size, 0 when nothing is owed. Call until it returns 0 after
  // on_packet and on_timeout.
  Result<std::size_t, SendError> poll_transmit(Timestamp now, MutableBytes out);

  // Handles expired timers: the sender's ack time-out and the receiver's
  // hold time (delivering through `sink`). The ack delay is served by
  // poll_transmit.
  void on_timeout(Timestamp now, ChannelSink& sink);

  // The earliest time on_timeout or poll_transmit has work, or nothing.
  std::optional<Timestamp> next_deadline() const;

  std::uint16_t peer_call_id() const { return config_.peer_call_id; }
  const Sender& sender() const { return sender_; }
  std::size_t queued() const { return queue_.size(); }
  const ChannelStats& stats() const { return stats_; }

 private:
  class Delivery;

  wire::GreV1Header header_for(std::optional<std::uint32_t> sequence, std::size_t payload_size) const;
  // Encodes `header` at the start of `out` and books the ack and data sent.
  Result<std::size_t, SendError> write_header(const wire::GreV1Header& header, MutableBytes out);

  ChannelConfig config_;
  Sender sender_;
  Receiver receiver_;
  AckTimer ack_timer_;
  SendQueue queue_;
  ChannelStats stats_;  // ack time-outs are counted by sender()
};

}  // namespace pptpkit::gre
