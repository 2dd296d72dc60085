#include "channel_peer.h"

#include <iterator>

#include "summary.h"

namespace pptpkit::e2e {

ChannelPeer::ChannelPeer(const Options& options, net::RawGreSocket socket)
    : Peer(options, std::move(socket)), timer_(io(), [this](Timestamp now) { on_timeout(now); }) {
  for (const CallSpec& spec : options.calls) {
    gre::ChannelConfig config;
    config.peer_call_id = spec.peer_call_id;
    channels_.push_back(std::make_unique<gre::Channel>(config));
    call_of_[channels_.back().get()] = channels_.size() - 1;
    (void)demux_.add(spec.local_call_id, spec.peer_address, *channels_.back());
  }
}

void ChannelPeer::on_datagram(Timestamp now, Bytes datagram) {
  now_ = now;
  after_demux(now, demux_.on_datagram(now, datagram, *this));
}

void ChannelPeer::on_gre(Timestamp now, gre::IpAddress source, Bytes gre_packet) {
  now_ = now;
  after_demux(now, demux_.on_gre(now, source, gre_packet, *this));
}

void ChannelPeer::after_demux(Timestamp now, gre::Channel* reached) {
  if (reached == nullptr) return;
  service(now, call_of_.at(reached));
  rearm();
}

void ChannelPeer::send(Timestamp now, std::size_t call, std::uint32_t number) {
  const MutableBytes slot = gre_io().slot();
  write_payload(slot.subspan(gre::kHeadroom, options().size), options().calls[call].peer_call_id, number);
  const auto sent = channels_[call]->send_payload(now, slot, gre::kHeadroom, options().size);
  if (sent && !sent->packet.empty())
    gre_io().queue(sent->packet, options().calls[call].peer_address, options().source_address);
  rearm();
}

void ChannelPeer::on_payload(gre::Channel& channel, Bytes payload) {
  check(call_of_.at(&channel)).on_payload(now_, payload);
  after_delivery();
}

void ChannelPeer::on_timeout(Timestamp now) {
  now_ = now;
  for (std::size_t call = 0; call < channels_.size(); ++call) {
    channels_[call]->on_timeout(now, *this);
    service(now, call);
  }
  gre_io().flush();
  rearm();
}

void ChannelPeer::service(Timestamp now, std::size_t call) {
  while (gre_io().can_queue()) {
    const MutableBytes slot = gre_io().slot();
    const auto size = channels_[call]->poll_transmit(now, slot);
    if (!size || *size == 0) return;
    gre_io().queue(slot.first(*size), options().calls[call].peer_address, options().source_address);
  }
}

void ChannelPeer::rearm() {
  std::optional<Timestamp> earliest;
  for (const auto& channel : channels_) {
    const auto deadline = channel->next_deadline();
    if (deadline && (!earliest || *deadline < *earliest)) earliest = deadline;
  }
  timer_.arm(earliest);
}

void ChannelPeer::write_call_extras(fmt::memory_buffer& out, std::size_t call) const {
  const gre::ChannelStats& stats = channels_[call]->stats();
  fmt::format_to(std::back_inserter(out),
                 ", \"data_sent\": {}, \"acks_sent\": {}, \"drops\": ", stats.data_sent, stats.acks_sent);
  write_drops(out, stats.drops);
}

void ChannelPeer::write_extras(fmt::memory_buffer& out) const {
  fmt::format_to(std::back_inserter(out), ", \"drops\": ");
  write_drops(out, demux_.drops());
}

}  // namespace pptpkit::e2e
