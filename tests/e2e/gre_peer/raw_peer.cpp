#include "raw_peer.h"

#include <iterator>

#include "wire/gre_v1.h"

namespace pptpkit::e2e {
namespace {

constexpr std::size_t kHeaderSize = 12;  // GRE v1 with a Sequence Number, as ChannelPeer's data packets

}  // namespace

void RawPeer::send(Timestamp, std::size_t call, std::uint32_t number) {
  const MutableBytes slot = gre_io().slot();
  const CallSpec& spec = options().calls[call];
  const wire::GreV1Header header{static_cast<std::uint16_t>(options().size), spec.peer_call_id, number + 1,
                                 std::nullopt};
  (void)wire::encode_gre_v1(header, slot);
  write_payload(slot.subspan(kHeaderSize, options().size), spec.peer_call_id, number);
  gre_io().queue(slot.first(kHeaderSize + options().size), spec.peer_address, options().source_address);
}

// Only what locating the payload needs: IHL here, the Key's Call ID below.
void RawPeer::on_datagram(Timestamp now, Bytes datagram) {
  ByteReader ip(datagram);
  const std::size_t ihl = std::size_t{ip.u8() & 0x0Fu} * 4;
  on_gre_packet(now, datagram.subspan(std::min(ihl, datagram.size())));
}

void RawPeer::on_gre(Timestamp now, gre::IpAddress, Bytes gre_packet) { on_gre_packet(now, gre_packet); }

void RawPeer::on_gre_packet(Timestamp now, Bytes gre_packet) {
  ByteReader gre(gre_packet);
  gre.skip(6);
  const std::uint16_t call_id = gre.u16();
  gre.skip(4);
  const Bytes payload = gre.rest();
  for (std::size_t call = 0; call < options().calls.size() && gre.ok(); ++call) {
    if (options().calls[call].local_call_id != call_id) continue;
    check(call).on_payload(now, payload);
    after_delivery();
    return;
  }
  ++ignored_;
}

void RawPeer::write_extras(fmt::memory_buffer& out) const {
  fmt::format_to(std::back_inserter(out), ", \"ignored\": {}", ignored_);
}

}  // namespace pptpkit::e2e
