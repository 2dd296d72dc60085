#include "gre/demux.h"

#include <variant>

#include "wire/gre_dispatch.h"
#include "wire/ipv4.h"

namespace pptpkit::gre {
namespace {

inline constexpr std::size_t kCallIds = 0x10000;

}  // namespace

std::string_view to_string(DemuxError e) {
  switch (e) {
    case DemuxError::kCallIdInUse:
      return "Call ID already in use";
  }
  return "unknown error";
}

std::optional<PptpDatagram> classify_gre(Timestamp now, IpAddress source, Bytes gre_packet,
                                         PlainGreHandler* plain_gre, DropCounters& drops) {
  const auto gre = wire::dispatch_gre(gre_packet);
  if (!gre) {
    const bool unknown = gre.error().reason == wire::GreDropReason::kUnknownVersion;
    drops.add(unknown ? DropReason::kUnknownVersion : DropReason::kBadHeader);
    return std::nullopt;
  }
  if (gre->handler() == wire::GreHandler::kPlainGre) {
    if (plain_gre == nullptr) {
      drops.add(DropReason::kUnknownVersion);
    } else {
      plain_gre->on_plain_gre(now, source, std::get<wire::GreV0Packet>(gre->packet));
    }
    return std::nullopt;
  }
  return PptpDatagram{source, std::get<wire::GreV1Packet>(gre->packet)};
}

std::optional<PptpDatagram> classify_datagram(Timestamp now, Bytes datagram, PlainGreHandler* plain_gre,
                                              DropCounters& drops) {
  // A raw socket hands over reassembled datagrams; a fragment or a bad
  // checksum here is as malformed as a bad GRE header.
  const auto ip = wire::decode_ipv4(datagram);
  if (!ip || !ip->checksum_ok || ip->header.protocol != wire::kIpProtocolGre || ip->header.is_fragment()) {
    drops.add(DropReason::kBadHeader);
    return std::nullopt;
  }
  return classify_gre(now, IpAddress::v4(ip->header.source_address), ip->payload, plain_gre, drops);
}

Demux::Demux() : table_(std::make_unique<Entry[]>(kCallIds)) {}

Status<DemuxError> Demux::add(std::uint16_t call_id, IpAddress peer, Channel& channel) {
  Entry& entry = table_[call_id];
  if (entry.channel != nullptr) return Unexpected{DemuxError::kCallIdInUse};
  entry = Entry{&channel, peer};
  return {};
}

void Demux::remove(std::uint16_t call_id) { table_[call_id] = Entry{}; }

Channel* Demux::on_datagram(Timestamp now, Bytes datagram, ChannelSink& sink) {
  return deliver(now, classify_datagram(now, datagram, plain_gre_, drops_), sink);
}

Channel* Demux::on_gre(Timestamp now, IpAddress source, Bytes gre_packet, ChannelSink& sink) {
  return deliver(now, classify_gre(now, source, gre_packet, plain_gre_, drops_), sink);
}

Channel* Demux::deliver(Timestamp now, const std::optional<PptpDatagram>& datagram, ChannelSink& sink) {
  if (!datagram) return nullptr;
  const wire::GreV1Packet& packet = datagram->packet;
  const Entry& entry = table_[packet.header.call_id];
  if (entry.channel == nullptr) {
    drops_.add(DropReason::kUnknownCall);
    return nullptr;
  }
  // The conntrack expectation: only the peer of the call's control
  // connection may send on it (the family counts: IPv4 never matches IPv6).
  if (entry.peer != datagram->source) {
    drops_.add(DropReason::kWrongPeer);
    return nullptr;
  }
  if (const auto drop = entry.channel->on_packet(now, packet, sink)) drops_.add(*drop);
  return entry.channel;
}

}  // namespace pptpkit::gre
