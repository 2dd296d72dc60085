// The system under test: one gre::Channel per call behind a gre::Demux, fed
// by the raw socket, with one DeadlineTimer at the channels' earliest
// deadline. The shape the server's data path will have (docs/net.md).
#pragma once

#include <cstddef>
#include <memory>
#include <unordered_map>
#include <vector>

#include "gre/channel.h"
#include "gre/demux.h"
#include "net/deadline_timer.h"
#include "peer.h"

namespace pptpkit::e2e {

class ChannelPeer final : public Peer, public gre::ChannelSink {
 public:
  ChannelPeer(const Options& options, net::RawGreSocket socket);

 private:
  // GreIoHandler, PayloadSource, ChannelSink
  void on_datagram(Timestamp now, Bytes datagram) override;
  void on_gre(Timestamp now, gre::IpAddress source, Bytes gre_packet) override;
  void send(Timestamp now, std::size_t call, std::uint32_t number) override;
  void on_payload(gre::Channel& channel, Bytes payload) override;

  // After the demux took a packet: serve the channel it reached.
  void after_demux(Timestamp now, gre::Channel* reached);
  void on_timeout(Timestamp now);
  // Sends what the channel owes (ack-only packets) while the queue has room.
  void service(Timestamp now, std::size_t call);
  void rearm();

  std::string_view mode_name() const override { return "channel"; }
  void write_call_extras(fmt::memory_buffer& out, std::size_t call) const override;
  void write_extras(fmt::memory_buffer& out) const override;

  gre::Demux demux_;
  std::vector<std::unique_ptr<gre::Channel>> channels_;
  std::unordered_map<const gre::Channel*, std::size_t> call_of_;
  net::DeadlineTimer timer_;
  Timestamp now_{};  // of the datagram or timeout being handled, for on_payload
};

}  // namespace pptpkit::e2e
