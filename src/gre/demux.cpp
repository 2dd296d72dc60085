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

Demux::Demux() : table_(std::make_unique<Entry[]>(kCallIds)) {}

Status<DemuxError> Demux::add(std::uint16_t call_id, IpAddress peer, Channel& channel) {
  Entry& entry = table_[call_id];
  if (entry.channel != nullptr) return Unexpected{DemuxError::kCallIdInUse};
  entry = Entry{&channel, peer};
  return {};
}

void Demux::remove(std::uint16_t call_id) { table_[call_id] = Entry{}; }

Channel* Demux::on_datagram(Timestamp now, Bytes datagram, ChannelSink& sink) {
  // A raw socket hands over reassembled datagrams; a fragment or a bad
  // checksum here is as malformed as a bad GRE header.
  const auto ip = wire::decode_ipv4(datagram);
  if (!ip || !ip->checksum_ok || ip->header.protocol != wire::kIpProtocolGre || ip->header.is_fragment()) {
    drops_.add(DropReason::kBadHeader);
    return nullptr;
  }
  return on_gre(now, IpAddress::v4(ip->header.source_address), ip->payload, sink);
}

Channel* Demux::on_gre(Timestamp now, IpAddress source, Bytes gre_packet, ChannelSink& sink) {
  const auto gre = wire::dispatch_gre(gre_packet);
  if (!gre) {
    const bool unknown = gre.error().reason == wire::GreDropReason::kUnknownVersion;
    drops_.add(unknown ? DropReason::kUnknownVersion : DropReason::kBadHeader);
    return nullptr;
  }
  if (gre->handler() == wire::GreHandler::kPlainGre) {
    if (plain_gre_ == nullptr) {
      drops_.add(DropReason::kUnknownVersion);
      return nullptr;
    }
    plain_gre_->on_plain_gre(now, source, std::get<wire::GreV0Packet>(gre->packet));
    return nullptr;
  }
  const auto& packet = std::get<wire::GreV1Packet>(gre->packet);
  const Entry& entry = table_[packet.header.call_id];
  if (entry.channel == nullptr) {
    drops_.add(DropReason::kUnknownCall);
    return nullptr;
  }
  if (entry.peer != source) {
    drops_.add(DropReason::kWrongPeer);
    return nullptr;
  }
  if (const auto drop = entry.channel->on_packet(now, packet, sink)) drops_.add(*drop);
  return entry.channel;
}

}  // namespace pptpkit::gre
