#include "wire/ipv4.h"

#include "wire/inet_checksum.h"

namespace pptpkit::wire {
namespace {

inline constexpr std::uint8_t kVersion = 4;
inline constexpr std::uint16_t kFragmentOffsetMask = 0x1FFF;
inline constexpr int kFlagsShift = 13;  // Flags are the top 3 bits of their 16-bit word
inline constexpr std::size_t kChecksumOffset = 10;

}  // namespace

std::string_view to_string(Ipv4Error e) {
  switch (e) {
    case Ipv4Error::kTruncated:
      return "truncated IPv4 datagram";
    case Ipv4Error::kNotVersion4:
      return "IP version is not 4";
    case Ipv4Error::kBadHeaderLength:
      return "IPv4 header length below 5 words";
    case Ipv4Error::kBadTotalLength:
      return "IPv4 total length shorter than the header";
    case Ipv4Error::kBufferTooSmall:
      return "output buffer too small";
  }
  return "unknown error";
}

Result<Ipv4Packet, Ipv4Error> decode_ipv4(Bytes data) {
  if (data.size() < kIpv4HeaderSize) return Unexpected{Ipv4Error::kTruncated};
  ByteReader r(data);
  const std::uint8_t version_ihl = r.u8();
  if ((version_ihl >> 4) != kVersion) return Unexpected{Ipv4Error::kNotVersion4};
  const std::size_t header_length = std::size_t{4} * (version_ihl & 0x0Fu);  // IHL counts 32-bit words
  if (header_length < kIpv4HeaderSize) return Unexpected{Ipv4Error::kBadHeaderLength};

  Ipv4Packet p;
  Ipv4Header& h = p.header;
  h.type_of_service = r.u8();
  h.total_length = r.u16();
  h.identification = r.u16();
  const std::uint16_t flags_fragment = r.u16();
  h.flags = static_cast<std::uint8_t>(flags_fragment >> kFlagsShift);
  h.fragment_offset = flags_fragment & kFragmentOffsetMask;
  h.time_to_live = r.u8();
  h.protocol = r.u8();
  h.header_checksum = r.u16();
  h.source_address = r.u32();
  h.destination_address = r.u32();
  if (h.total_length < header_length) return Unexpected{Ipv4Error::kBadTotalLength};
  // header_length <= total_length <= data.size(): the options are in bounds.
  if (h.total_length > data.size()) return Unexpected{Ipv4Error::kTruncated};

  p.options = r.bytes(header_length - kIpv4HeaderSize);
  p.payload = r.bytes(h.total_length - header_length);
  p.checksum_ok = inet_checksum(data.first(header_length)) == 0;
  return p;
}

Result<std::size_t, Ipv4Error> encode_ipv4_header(const Ipv4Header& header, MutableBytes out) {
  ByteWriter w(out);
  w.u8(kVersion << 4 | kIpv4HeaderSize / 4);
  w.u8(header.type_of_service);
  w.u16(header.total_length);
  w.u16(header.identification);
  w.u16(static_cast<std::uint16_t>(header.flags << kFlagsShift |
                                   (header.fragment_offset & kFragmentOffsetMask)));
  w.u8(header.time_to_live);
  w.u8(header.protocol);
  w.u16(0);  // Header Checksum, zero while summing
  w.u32(header.source_address);
  w.u32(header.destination_address);
  if (!w.ok()) return Unexpected{Ipv4Error::kBufferTooSmall};
  ByteWriter checksum(out.subspan(kChecksumOffset, 2));
  checksum.u16(inet_checksum(w.written()));
  return w.offset();
}

}  // namespace pptpkit::wire
