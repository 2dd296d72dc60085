// One call's data path, shared by the server and the client: the call's GRE
// channel (RFC 2637 section 4) and its PPP link wired together. Received GRE
// payloads go to the link; the link's control frames and framed IP packets
// go out through the channel into a PacketQueue, with the headers written in
// the headroom of recycled buffers (no allocation per packet). The owner
// drains the received IP packets (poll_ip(), counted) and the link's events.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/random.h"
#include "base/time.h"
#include "endpoint/events.h"
#include "endpoint/packet_queue.h"
#include "gre/channel.h"
#include "ppp/link.h"
#include "wire/gre_v1.h"

namespace pptpkit::endpoint {

// Room in front of an IP packet for the PPP and MPPE headers, then GRE's.
inline constexpr std::size_t kDataHeadroom = gre::kHeadroom + ppp::kLinkHeadroom;

// The largest IP packet a session carries in both directions, for its host
// route and its MSS clamp: the smallest of the peer's MRU, ours as agreed
// and `our_mru` as configured (so no session exceeds the server's TUN MTU),
// less MPPE's overhead.
std::uint16_t two_way_mtu(const ppp::LinkParameters& p, std::uint16_t our_mru);

class Session;

// A channel that knows its session, so the one sink a demux takes finds the
// session of a payload in O(1).
class SessionChannel final : public gre::Channel {
 public:
  SessionChannel(const gre::ChannelConfig& config, Session& session)
      : gre::Channel(config), session_(session) {}
  Session& session() const { return session_; }

 private:
  Session& session_;
};

class Session final : gre::ChannelSink {
 public:
  // `call_id` is ours, `destination` the peer's underlay address, `source`
  // our end of the call's control connection, which its GRE leaves from too
  // (RFC 2637 section 4; 0 leaves the choice to the socket); `random` and
  // `services` (authenticator only) must outlive the session.
  Session(std::uint16_t call_id, std::uint32_t destination, std::uint32_t source,
          const gre::ChannelConfig& channel, ppp::LinkConfig link, RandomSource& random,
          std::optional<ppp::AuthenticatorServices> services);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start(Timestamp now) { link_.start(now); }
  // A GRE packet of this call that has passed the address checks.
  std::optional<gre::DropReason> on_packet(Timestamp now, const wire::GreV1Packet& packet);
  // A payload the channel delivered in order (through a demux's sink).
  void on_frame(Timestamp now, Bytes payload) { link_.on_frame(now, payload); }
  void on_timeout(Timestamp now);

  // From now on TCP SYNs crossing the session either way get their MSS
  // lowered to what `mtu` carries (wire/tcp_mss_clamp.h). The owner sets it
  // once the session is up and its MTU known.
  void clamp_mss_for(std::uint16_t mtu);
  // Clamps an IP packet entering or leaving the session, in place; counts
  // it in stats.mss_clamped.
  void clamp_mss(MutableBytes packet, DataPathStats& stats) const;

  // Frames (and encrypts) an IP packet, MSS clamped, and queues the GRE
  // packet, if the window lets it go now. A packet the link refuses (not up
  // yet, too big for the peer's MRU) counts in stats.send_refused.
  void send_ip(Timestamp now, Bytes packet, PacketQueue& gre_out, DataPathStats& stats);
  // Queues every GRE packet the link and the channel owe the peer.
  void flush(Timestamp now, PacketQueue& gre_out);
  // The next IP packet the link received (ppp::Link::poll_ip()), counted in
  // traffic().
  std::optional<ppp::ReceivedIp> poll_ip();
  const TrafficCounters& traffic() const { return traffic_; }

  std::optional<Timestamp> next_deadline() const;
  // Why the session ended: `fallback` (what the owner saw: the link's own
  // reason, the call cleared, TCP closed), unless the peer ended the link
  // with a Terminate-Request first; then its words, as pppd logs them:
  // `LCP terminated by peer (MPPE required but peer negotiation failed)`.
  std::string end_reason(std::string_view fallback) const;
  std::uint16_t call_id() const { return call_id_; }
  std::uint32_t destination() const { return destination_; }
  ppp::Link& link() { return link_; }
  SessionChannel& channel() { return channel_; }
  const SessionChannel& channel() const { return channel_; }

 private:
  void on_payload(gre::Channel& channel, Bytes payload) override;
  // Sends the payload at buffer[offset, offset + size) through the channel.
  void transmit(Timestamp now, MutableBytes buffer, std::size_t offset, std::size_t size,
                PacketQueue& gre_out);

  std::uint16_t call_id_;
  std::uint32_t destination_;
  std::uint32_t source_;
  SessionChannel channel_;
  ppp::Link link_;
  std::optional<std::uint16_t> mss_limit_;
  TrafficCounters traffic_;
  // The time of the input being handled, for payloads the channel delivers
  // through on_payload(), which carries none.
  Timestamp now_{};
};

}  // namespace pptpkit::endpoint
