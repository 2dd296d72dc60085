// The receive path for every call of an endpoint, as the Linux kernel's
// gre_rcv (net/ipv4/gre_demux.c) then pptp_rcv (drivers/net/ppp/pptp.c):
// parse the IPv4 header, pick the handler by GRE version (1: PPTP, 0: an
// optional plain-GRE handler), validate the enhanced header (RFC 2637 4.1),
// find the session by our Call ID in an O(1) table, and accept the packet
// only from the peer of that call's control connection (the conntrack
// expectation). Every drop is counted by reason.
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
#include "wire/gre_v1.h"
#include "wire/ipv4.h"

namespace pptpkit::gre {

// Takes GRE version 0 packets (RFC 2784) when registered.
class PlainGreHandler {
 public:
  virtual void on_plain_gre(Timestamp now, const wire::Ipv4Packet& ip, const wire::GreV0Packet& gre) = 0;

 protected:
  ~PlainGreHandler() = default;
};

enum class DemuxError : std::uint8_t {
  kCallIdInUse,  // Call IDs are unique server-wide (DESIGN.md)
};

std::string_view to_string(DemuxError e);

// A GRE version 1 packet that passed the receive path's first stages, with
// the IPv4 source address (host order) it came from.
struct PptpDatagram {
  std::uint32_t source = 0;
  wire::GreV1Packet packet;
};

// The receive path up to the session lookup: IPv4 header, GRE version
// (version 0 goes to `plain_gre` when not null), enhanced header (RFC 2637
// 4.1). Shared by the Demux and by owners of a single call (a client), which
// need no 65536-entry table. Returns nullopt after counting a drop in `drops`
// or handing the packet to `plain_gre`. The packet views `datagram`.
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

  // Every drop: the demux's own and those of its channels.
  const DropCounters& drops() const { return drops_; }

 private:
  struct Entry {
    Channel* channel = nullptr;
    IpAddress peer;
  };

  std::unique_ptr<Entry[]> table_;  // indexed by Call ID, 65536 entries
  PlainGreHandler* plain_gre_ = nullptr;
  DropCounters drops_;
};

}  // namespace pptpkit::gre
