#include "wire/ppp_auth.h"

#include <algorithm>
#include <initializer_list>

namespace pptpkit::wire {

namespace {

std::string_view as_text(Bytes b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }
Bytes as_bytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

constexpr std::size_t kMsChapV2ReservedSize = 8;  // RFC 2759 4

bool is_either(std::uint8_t code, std::uint8_t a, std::uint8_t b) { return code == a || code == b; }

// PAP's Peer-ID, Password and Message and CHAP's Value are each preceded by a
// one-octet length (RFC 1334 2.2, RFC 1994 4.1).
Result<Bytes, PppError> read_counted(ByteReader& r) {
  const std::uint8_t size = r.u8();
  if (!r.ok()) return Unexpected{PppError::kTruncated};
  const Bytes field = r.bytes(size);
  if (!r.ok()) return Unexpected{PppError::kFieldOverrun};
  return field;
}

void write_counted(ByteWriter& w, Bytes field) {
  w.u8(static_cast<std::uint8_t>(field.size()));
  w.bytes(field);
}

// Writes a whole packet whose Data is the concatenation of `parts`, each
// counted part preceded by its length octet.
struct Part {
  Bytes bytes;
  bool counted;
};

Result<std::size_t, PppError> encode_parts(std::uint8_t code, std::uint8_t identifier,
                                           std::initializer_list<Part> parts, MutableBytes out) {
  std::size_t data_size = 0;
  for (const Part& part : parts) {
    if (part.counted && part.bytes.size() > 0xFF) return Unexpected{PppError::kFieldTooLong};
    data_size += part.bytes.size() + (part.counted ? 1 : 0);
  }
  ByteWriter w(out);
  if (auto s = encode_ppp_control_header(code, identifier, data_size, w); !s) return Unexpected{s.error()};
  for (const Part& part : parts) {
    if (part.counted) {
      write_counted(w, part.bytes);
    } else {
      w.bytes(part.bytes);
    }
  }
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

template <std::size_t N>
Result<std::array<std::uint8_t, N>, PppError> exact_value(Bytes value) {
  if (value.size() != N) return Unexpected{PppError::kBadValueSize};
  std::array<std::uint8_t, N> copy{};
  std::ranges::copy(value, copy.begin());
  return copy;
}

template <std::size_t N>
void read_into(ByteReader& r, std::array<std::uint8_t, N>& field) {
  std::ranges::copy(r.bytes(N), field.begin());
}

}  // namespace

Result<PapRequest, PppError> decode_pap_request(const PppControlPacket& packet) {
  if (packet.code != kPapAuthenticateRequest) return Unexpected{PppError::kWrongCode};
  ByteReader r(packet.data);
  auto peer_id = read_counted(r);
  if (!peer_id) return Unexpected{peer_id.error()};
  auto password = read_counted(r);
  if (!password) return Unexpected{password.error()};
  return PapRequest{as_text(*peer_id), as_text(*password)};
}

Result<std::size_t, PppError> encode_pap_request(std::uint8_t identifier, const PapRequest& request,
                                                 MutableBytes out) {
  return encode_parts(kPapAuthenticateRequest, identifier,
                      {{as_bytes(request.peer_id), true}, {as_bytes(request.password), true}}, out);
}

Result<std::string_view, PppError> decode_pap_message(const PppControlPacket& packet) {
  if (!is_either(packet.code, kPapAuthenticateAck, kPapAuthenticateNak))
    return Unexpected{PppError::kWrongCode};
  ByteReader r(packet.data);
  auto message = read_counted(r);
  if (!message) return Unexpected{message.error()};
  return as_text(*message);
}

Result<std::size_t, PppError> encode_pap_message(std::uint8_t code, std::uint8_t identifier,
                                                 std::string_view message, MutableBytes out) {
  if (!is_either(code, kPapAuthenticateAck, kPapAuthenticateNak)) return Unexpected{PppError::kWrongCode};
  return encode_parts(code, identifier, {{as_bytes(message), true}}, out);
}

Result<ChapChallengeResponse, PppError> decode_chap_challenge_response(const PppControlPacket& packet) {
  if (!is_either(packet.code, kChapChallenge, kChapResponse)) return Unexpected{PppError::kWrongCode};
  ByteReader r(packet.data);
  auto value = read_counted(r);
  if (!value) return Unexpected{value.error()};
  return ChapChallengeResponse{*value, as_text(r.rest())};
}

Result<std::size_t, PppError> encode_chap_challenge_response(std::uint8_t code, std::uint8_t identifier,
                                                             const ChapChallengeResponse& packet,
                                                             MutableBytes out) {
  if (!is_either(code, kChapChallenge, kChapResponse)) return Unexpected{PppError::kWrongCode};
  return encode_parts(code, identifier, {{packet.value, true}, {as_bytes(packet.name), false}}, out);
}

Result<std::string_view, PppError> decode_chap_message(const PppControlPacket& packet) {
  if (!is_either(packet.code, kChapSuccess, kChapFailure)) return Unexpected{PppError::kWrongCode};
  return as_text(packet.data);
}

Result<std::size_t, PppError> encode_chap_message(std::uint8_t code, std::uint8_t identifier,
                                                  std::string_view message, MutableBytes out) {
  if (!is_either(code, kChapSuccess, kChapFailure)) return Unexpected{PppError::kWrongCode};
  return encode_parts(code, identifier, {{as_bytes(message), false}}, out);
}

Result<MsChapV1Challenge, PppError> decode_mschapv1_challenge(Bytes value) {
  return exact_value<kMsChapV1ChallengeSize>(value);
}

Result<MsChapV2Challenge, PppError> decode_mschapv2_challenge(Bytes value) {
  return exact_value<kMsChapV2ChallengeSize>(value);
}

Result<MsChapV1Response, PppError> decode_mschapv1_response(Bytes value) {
  if (value.size() != kMsChapResponseSize) return Unexpected{PppError::kBadValueSize};
  ByteReader r(value);
  MsChapV1Response response;
  read_into(r, response.lm_response);
  read_into(r, response.nt_response);
  response.use_nt_response = r.u8();
  return response;
}

Result<std::size_t, PppError> encode_mschapv1_response(const MsChapV1Response& response, MutableBytes out) {
  ByteWriter w(out);
  w.bytes(response.lm_response);
  w.bytes(response.nt_response);
  w.u8(response.use_nt_response);
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

Result<MsChapV2Response, PppError> decode_mschapv2_response(Bytes value) {
  if (value.size() != kMsChapResponseSize) return Unexpected{PppError::kBadValueSize};
  ByteReader r(value);
  MsChapV2Response response;
  read_into(r, response.peer_challenge);
  const Bytes reserved = r.bytes(kMsChapV2ReservedSize);
  read_into(r, response.nt_response);
  response.flags = r.u8();
  if (!std::ranges::all_of(reserved, [](std::uint8_t b) { return b == 0; })) {
    return Unexpected{PppError::kReservedNotZero};
  }
  return response;
}

Result<std::size_t, PppError> encode_mschapv2_response(const MsChapV2Response& response, MutableBytes out) {
  ByteWriter w(out);
  w.bytes(response.peer_challenge);
  w.zeros(kMsChapV2ReservedSize);
  w.bytes(response.nt_response);
  w.u8(response.flags);
  if (!w.ok()) return Unexpected{PppError::kBufferTooSmall};
  return w.offset();
}

}  // namespace pptpkit::wire
