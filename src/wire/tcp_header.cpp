#include "wire/tcp_header.h"

namespace pptpkit::wire {

std::string_view to_string(TcpError e) {
  switch (e) {
    case TcpError::kTruncated:
      return "truncated TCP header";
    case TcpError::kBadDataOffset:
      return "TCP data offset below 5";
    case TcpError::kBadOption:
      return "malformed TCP option";
    case TcpError::kBadMssLength:
      return "TCP MSS option length is not 4";
  }
  return "unknown error";
}

Result<TcpHeader, TcpError> decode_tcp_header(Bytes segment) {
  if (segment.size() < kTcpMinHeaderSize) return Unexpected{TcpError::kTruncated};
  ByteReader r(segment);
  TcpHeader h;
  h.source_port = r.u16();
  h.destination_port = r.u16();
  h.sequence_number = r.u32();
  h.acknowledgment_number = r.u32();
  const std::uint8_t offset_and_reserved = r.u8();
  h.data_offset = static_cast<std::uint8_t>(offset_and_reserved >> 4);
  h.reserved = offset_and_reserved & 0x0F;
  h.flags = r.u8();
  h.window = r.u16();
  h.checksum = r.u16();
  h.urgent_pointer = r.u16();
  if (h.data_offset < 5) return Unexpected{TcpError::kBadDataOffset};
  if (h.header_size() > segment.size()) return Unexpected{TcpError::kTruncated};
  h.options = r.bytes(h.header_size() - kTcpMinHeaderSize);
  h.payload = r.rest();
  return h;
}

Result<std::optional<TcpOption>, TcpError> TcpOptionReader::next() {
  if (failed_) return Unexpected{TcpError::kBadOption};
  if (pos_ >= options_.size()) return std::optional<TcpOption>{};
  TcpOption option;
  option.kind = options_[pos_];
  option.offset = kTcpMinHeaderSize + pos_;
  if (option.kind == kTcpOptionEnd) {
    // Whatever follows End-of-Option-List is padding, not options.
    pos_ = options_.size();
    return std::optional<TcpOption>{};
  }
  if (option.kind == kTcpOptionNop) {
    ++pos_;
    return std::optional<TcpOption>{option};
  }
  // Every other kind carries a length octet that counts kind and length too.
  if (options_.size() - pos_ < 2 || options_[pos_ + 1] < 2 || options_[pos_ + 1] > options_.size() - pos_) {
    failed_ = true;
    return Unexpected{TcpError::kBadOption};
  }
  const std::size_t length = options_[pos_ + 1];
  option.data = options_.subspan(pos_ + 2, length - 2);
  pos_ += length;
  return std::optional<TcpOption>{option};
}

Result<std::optional<TcpMss>, TcpError> find_tcp_mss(const TcpHeader& header) {
  TcpOptionReader reader(header);
  while (true) {
    auto option = reader.next();
    if (!option) return Unexpected{option.error()};
    if (!*option) return std::optional<TcpMss>{};
    if ((*option)->kind != kTcpOptionMss) continue;
    if ((*option)->data.size() != 2) return Unexpected{TcpError::kBadMssLength};
    ByteReader r((*option)->data);
    return std::optional<TcpMss>{TcpMss{.mss = r.u16(), .offset = (*option)->offset}};
  }
}

}  // namespace pptpkit::wire
