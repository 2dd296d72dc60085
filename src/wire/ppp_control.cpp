#include "wire/ppp_control.h"

#include <limits>

namespace pptpkit::wire {

Result<PppControlPacket, PppError> decode_ppp_control_packet(Bytes information) {
  ByteReader r(information);
  PppControlPacket packet;
  packet.code = r.u8();
  packet.identifier = r.u8();
  packet.length = r.u16();
  if (!r.ok()) return Unexpected{PppError::kTruncated};
  if (packet.length < kPppControlHeaderSize) return Unexpected{PppError::kLengthBelowHeader};
  if (packet.length > information.size()) return Unexpected{PppError::kLengthBeyondData};
  packet.data = r.bytes(packet.length - kPppControlHeaderSize);
  return packet;
}

Status<PppError> encode_ppp_control_header(std::uint8_t code, std::uint8_t identifier, std::size_t data_size,
                                           ByteWriter& w) {
  if (data_size > std::numeric_limits<std::uint16_t>::max() - kPppControlHeaderSize) {
    return Unexpected{PppError::kFieldTooLong};
  }
  w.u8(code);
  w.u8(identifier);
  w.u16(static_cast<std::uint16_t>(kPppControlHeaderSize + data_size));
  return {};
}

Result<std::size_t, PppError> encode_ppp_control_header(std::uint8_t code, std::uint8_t identifier,
                                                        std::size_t data_size, MutableBytes out) {
  ByteWriter w(out);
  if (auto s = encode_ppp_control_header(code, identifier, data_size, w); !s) return Unexpected{s.error()};
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

Result<std::size_t, PppError> encode_ppp_control_packet(std::uint8_t code, std::uint8_t identifier,
                                                        Bytes data, MutableBytes out) {
  ByteWriter w(out);
  if (auto s = encode_ppp_control_header(code, identifier, data.size(), w); !s) return Unexpected{s.error()};
  w.bytes(data);
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

Result<ProtocolReject, PppError> decode_protocol_reject(const PppControlPacket& packet) {
  if (packet.code != kPppProtocolReject) return Unexpected{PppError::kWrongCode};
  ByteReader r(packet.data);
  ProtocolReject reject;
  reject.rejected_protocol = r.u16();
  if (!r.ok()) return Unexpected{PppError::kTruncated};
  reject.rejected_information = r.rest();
  return reject;
}

Result<std::size_t, PppError> encode_protocol_reject(std::uint8_t identifier, const ProtocolReject& reject,
                                                     MutableBytes out) {
  ByteWriter w(out);
  const std::size_t data_size = 2 + reject.rejected_information.size();
  if (auto s = encode_ppp_control_header(kPppProtocolReject, identifier, data_size, w); !s) {
    return Unexpected{s.error()};
  }
  w.u16(reject.rejected_protocol);
  w.bytes(reject.rejected_information);
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

Result<Bytes, PppError> decode_code_reject(const PppControlPacket& packet) {
  if (packet.code != kPppCodeReject) return Unexpected{PppError::kWrongCode};
  return packet.data;
}

namespace {

bool starts_with_magic_number(std::uint8_t code) {
  return code >= kPppEchoRequest && code <= kPppTimeRemaining;
}

}  // namespace

Result<MagicNumberPacket, PppError> decode_magic_number_packet(const PppControlPacket& packet) {
  if (!starts_with_magic_number(packet.code)) return Unexpected{PppError::kWrongCode};
  ByteReader r(packet.data);
  MagicNumberPacket decoded;
  decoded.magic_number = r.u32();
  if (!r.ok()) return Unexpected{PppError::kTruncated};
  decoded.data = r.rest();
  return decoded;
}

Result<std::size_t, PppError> encode_magic_number_packet(std::uint8_t code, std::uint8_t identifier,
                                                         const MagicNumberPacket& packet, MutableBytes out) {
  if (!starts_with_magic_number(code)) return Unexpected{PppError::kWrongCode};
  ByteWriter w(out);
  if (auto s = encode_ppp_control_header(code, identifier, 4 + packet.data.size(), w); !s) {
    return Unexpected{s.error()};
  }
  w.u32(packet.magic_number);
  w.bytes(packet.data);
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

}  // namespace pptpkit::wire
