// The underlay baseline: the same packets on the wire (a 12-octet GRE v1
// header with a sequence number, then the same payload), sent and received
// through the same raw socket, batching and loop as ChannelPeer, but built
// with the GRE encoder alone and checked without gre::Channel or
// gre::Demux. What it achieves is what the veth, the kernel's raw socket
// path and the payload check allow; ChannelPeer's share of that is the cost
// of the data channel.
#pragma once

#include <cstddef>

#include "peer.h"

namespace pptpkit::e2e {

class RawPeer final : public Peer {
 public:
  using Peer::Peer;

 private:
  void on_datagram(Timestamp now, Bytes datagram) override;
  void on_gre(Timestamp now, gre::IpAddress source, Bytes gre_packet) override;
  // The GRE packet after the IP layer; the source is not checked (no demux).
  void on_gre_packet(Timestamp now, Bytes gre_packet);
  void send(Timestamp now, std::size_t call, std::uint32_t number) override;

  std::string_view mode_name() const override { return "raw"; }
  void write_call_extras(fmt::memory_buffer&, std::size_t) const override {}
  void write_extras(fmt::memory_buffer& out) const override;

  std::uint64_t ignored_ = 0;  // datagrams for no call of ours
};

}  // namespace pptpkit::e2e
