// The receive path for every call of an endpoint, as the Linux kernel's
// gre_rcv (net/ipv4/gre_demux.c) then pptp_rcv (drivers/net/ppp/pptp.c):
// take the source address from the IP layer (the IPv4 header, or what a raw
// IPv6 socket reports beside the GRE packet), pick the handler by GRE
// version (1: PPTP, 0: an optional plain-GRE handler), validate the enhanced
// header (RFC 2637 4.1), find the session by our Call ID in an O(1) table,
// and accept the packet only from the peer of that call's control connection
// (the conntrack expectation). Every drop is counted by reason.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/time.h"
#include "gre/channel.h"
#include "gre/drop_counters.h"
#include "gre/ip_address.h"
#include "wire/gre_v0.h"

namespace pptpkit::gre {

// Takes GRE version 0 packets (RFC 2784) when registered.
class PlainGreHandler {
 public:
  // `source` is the packet's IPv4 or IPv6 source address.
  virtual void on_plain_gre(Timestamp now, IpAddress source, const wire::GreV0Packet& gre) = 0;

 protected:
  ~PlainGreHandler() = default;
};

enum class DemuxError : std::uint8_t {
  kCallIdInUse,  // Call IDs are unique server-wide (DESIGN.md)
};

std::string_view to_string(DemuxError e);

// A GRE version 1 packet that passed the receive path's first stages, with
// the address it came from.
struct PptpDatagram {
  IpAddress source;
  wire::GreV1Packet packet;
};

// The receive path up to the session lookup, as the kernel's gre_rcv: GRE
// version (version 0 goes to `plain_gre` when not null), enhanced header
// (RFC 2637 4.1). Shared by the Demux and by owners of a single call (a
// client), which need no 65536-entry table. Returns nullopt after counting a
// drop in `drops` or handing the packet to `plain_gre`. The packet views
// `gre_packet`.
std::optional<PptpDatagram> classify_gre(Timestamp now, IpAddress source, Bytes gre_packet,
                                         PlainGreHandler* plain_gre, DropCounters& drops);

// The same for one IPv4 datagram as a raw IPPROTO_GRE socket returns it
// (header included): the IPv4 header is checked first.
std::optional<PptpDatagram> classify_datagram(Timestamp now, Bytes datagram, PlainGreHandler* plain_gre,
                                              DropCounters& drops);

class Demux {
 public:
  Demux();

  // Routes GRE carrying `call_id` (ours: the Call ID the peer writes in the
  // Key) from `peer` to `channel`, which must outlive its registration.
  Status<DemuxError> add(std::uint16_t call_id, IpAddress peer, Channel& channel);
  void remove(std::uint16_t call_id);
  Channel* find(std::uint16_t call_id) const { return table_[call_id].channel; }

  // nullptr unregisters; version 0 is then dropped as an unknown version.
  void set_plain_gre_handler(PlainGreHandler* handler) { plain_gre_ = handler; }

  // One IPv4 datagram as a raw IPPROTO_GRE socket returns it (header
  // included). Delivers payloads through `sink` and returns the channel the
  // packet reached (even if that channel then dropped it), which the caller
  // polls for packets to send and re-arms the timer of; nullptr otherwise.
  Channel* on_datagram(Timestamp now, Bytes datagram, ChannelSink& sink);

  // One GRE packet (the bytes after the IP header) from `source`: what a raw
  // IPv6 socket returns, the header stripped and the source reported beside
  // it (recvmmsg's msg_name). Otherwise as on_datagram, which ends here.
  Channel* on_gre(Timestamp now, IpAddress source, Bytes gre_packet, ChannelSink& sink);

  // Every drop: the demux's own and those of its channels.
  const DropCounters& drops() const { return drops_; }

 private:
  struct Entry {
    Channel* channel = nullptr;
    IpAddress peer;
  };

  Channel* deliver(Timestamp now, const std::optional<PptpDatagram>& datagram, ChannelSink& sink);

  std::unique_ptr<Entry[]> table_;  // indexed by Call ID, 65536 entries
  PlainGreHandler* plain_gre_ = nullptr;
  DropCounters drops_;
};

}  // namespace pptpkit::gre
