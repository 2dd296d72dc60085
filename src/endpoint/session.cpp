#include "endpoint/session.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "ppp/deadline.h"
#include "wire/ipv4.h"
#include "wire/tcp_header.h"
#include "wire/tcp_mss_clamp.h"

namespace pptpkit::endpoint {
namespace {

// Enough for any packet of a 1500-octet MRU; larger ones are retried with
// the largest GRE packet.
constexpr std::size_t kTypicalPacket = 2048;
constexpr std::size_t kLargestPacket = gre::kHeadroom + 0xFFFF;

}  // namespace

std::uint16_t two_way_mtu(const ppp::LinkParameters& p, std::uint16_t our_mru) {
  // p.mtu is p.peer_mru less MPPE's overhead.
  const auto overhead = static_cast<std::uint16_t>(p.peer_mru - p.mtu);
  return static_cast<std::uint16_t>(std::min({p.peer_mru, p.mru, our_mru}) - overhead);
}

Session::Session(std::uint16_t call_id, std::uint32_t destination, std::uint32_t source,
                 const gre::ChannelConfig& channel, ppp::LinkConfig link, RandomSource& random,
                 std::optional<ppp::AuthenticatorServices> services)
    : call_id_(call_id),
      destination_(destination),
      source_(source),
      channel_(channel, *this),
      link_(std::move(link), random, services) {}

std::string Session::end_reason(std::string_view fallback) const {
  if (const auto& text = link_.peer_termination()) return fmt::format("LCP terminated by peer ({})", *text);
  return std::string(fallback);
}

std::optional<gre::DropReason> Session::on_packet(Timestamp now, const wire::GreV1Packet& packet) {
  now_ = now;
  return channel_.on_packet(now, packet, *this);
}

void Session::on_timeout(Timestamp now) {
  now_ = now;
  channel_.on_timeout(now, *this);
  link_.on_timeout(now);
}

void Session::on_payload(gre::Channel&, Bytes payload) { link_.on_frame(now_, payload); }

void Session::clamp_mss_for(std::uint16_t mtu) {
  // A segment that fills the MTU: IPv4 and TCP headers without options.
  // LCP's minimum MRU (576) keeps every session's MTU far above them.
  constexpr std::size_t kHeaders = wire::kIpv4HeaderSize + wire::kTcpMinHeaderSize;
  if (mtu > kHeaders) mss_limit_ = static_cast<std::uint16_t>(mtu - kHeaders);
}

void Session::clamp_mss(MutableBytes packet, DataPathStats& stats) const {
  if (mss_limit_ && wire::clamp_tcp_mss(packet, *mss_limit_) == wire::MssClamp::kClamped) ++stats.mss_clamped;
}

void Session::send_ip(Timestamp now, Bytes packet, PacketQueue& gre_out, DataPathStats& stats) {
  MutableBytes buffer = gre_out.prepare(kDataHeadroom + packet.size());
  std::copy(packet.begin(), packet.end(), buffer.begin() + kDataHeadroom);
  clamp_mss(buffer.subspan(kDataHeadroom, packet.size()), stats);
  const auto frame = link_.send_ip(now, buffer, kDataHeadroom, packet.size());
  if (!frame) {
    ++stats.send_refused;
    return;
  }
  ++traffic_.packets_out;
  traffic_.bytes_out += packet.size();
  transmit(now, buffer, static_cast<std::size_t>(frame->data() - buffer.data()), frame->size(), gre_out);
}

std::optional<ppp::ReceivedIp> Session::poll_ip() {
  auto ip = link_.poll_ip();
  if (ip) {
    ++traffic_.packets_in;
    traffic_.bytes_in += ip->packet.size();
  }
  return ip;
}

void Session::flush(Timestamp now, PacketQueue& gre_out) {
  while (auto frame = link_.poll_frame()) {
    MutableBytes buffer = gre_out.prepare(gre::kHeadroom + frame->size());
    std::copy(frame->begin(), frame->end(), buffer.begin() + gre::kHeadroom);
    transmit(now, buffer, gre::kHeadroom, frame->size(), gre_out);
  }
  for (;;) {
    auto size = channel_.poll_transmit(now, gre_out.prepare(kTypicalPacket));
    if (!size && size.error() == gre::SendError::kBufferTooSmall) {
      size = channel_.poll_transmit(now, gre_out.prepare(kLargestPacket));
    }
    if (!size || *size == 0) return;
    gre_out.commit(destination_, 0, *size, source_);
  }
}

void Session::transmit(Timestamp now, MutableBytes buffer, std::size_t offset, std::size_t size,
                       PacketQueue& gre_out) {
  const auto sent = channel_.send_payload(now, buffer, offset, size);
  if (!sent || sent->packet.empty()) return;  // queued by a strict window, or refused
  gre_out.commit(destination_, static_cast<std::size_t>(sent->packet.data() - buffer.data()),
                 sent->packet.size(), source_);
}

std::optional<Timestamp> Session::next_deadline() const {
  return ppp::earliest(channel_.next_deadline(), link_.next_deadline());
}

}  // namespace pptpkit::endpoint
