// Authentication packets: PAP (RFC 1334 section 2.2) and CHAP (RFC 1994
// section 4) Data layouts, and the MS-CHAP Value layouts carried in CHAP
// (RFC 2433 section 2, RFC 2759 section 4). The Code/Identifier/Length header
// is decode_ppp_control_packet's; these decoders take its result.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/ppp_control.h"
#include "wire/ppp_error.h"

namespace pptpkit::wire {

inline constexpr std::uint8_t kPapAuthenticateRequest = 1;
inline constexpr std::uint8_t kPapAuthenticateAck = 2;
inline constexpr std::uint8_t kPapAuthenticateNak = 3;

inline constexpr std::uint8_t kChapChallenge = 1;
inline constexpr std::uint8_t kChapResponse = 2;
inline constexpr std::uint8_t kChapSuccess = 3;
inline constexpr std::uint8_t kChapFailure = 4;

inline constexpr std::size_t kMsChapV1ChallengeSize = 8;   // RFC 2433 2.1
inline constexpr std::size_t kMsChapV2ChallengeSize = 16;  // RFC 2759 4
inline constexpr std::size_t kMsChapResponseSize = 49;     // both versions

// RFC 1334 2.2.1: Peer-ID Length, Peer-ID, Passwd-Length, Password.
struct PapRequest {
  std::string_view peer_id;
  std::string_view password;
};
Result<PapRequest, PppError> decode_pap_request(const PppControlPacket& packet);
Result<std::size_t, PppError> encode_pap_request(std::uint8_t identifier, const PapRequest& request,
                                                 MutableBytes out);

// RFC 1334 2.2.2: Authenticate-Ack and -Nak carry Msg-Length and Message.
Result<std::string_view, PppError> decode_pap_message(const PppControlPacket& packet);
Result<std::size_t, PppError> encode_pap_message(std::uint8_t code, std::uint8_t identifier,
                                                 std::string_view message, MutableBytes out);

// RFC 1994 4.1: Challenge and Response carry Value-Size, Value and Name (the
// rest of the packet).
struct ChapChallengeResponse {
  Bytes value;
  std::string_view name;
};
Result<ChapChallengeResponse, PppError> decode_chap_challenge_response(const PppControlPacket& packet);
Result<std::size_t, PppError> encode_chap_challenge_response(std::uint8_t code, std::uint8_t identifier,
                                                             const ChapChallengeResponse& packet,
                                                             MutableBytes out);

// RFC 1994 4.2: Success and Failure carry only a Message.
Result<std::string_view, PppError> decode_chap_message(const PppControlPacket& packet);
Result<std::size_t, PppError> encode_chap_message(std::uint8_t code, std::uint8_t identifier,
                                                  std::string_view message, MutableBytes out);

// MS-CHAP challenge Values: 8 octets for v1, 16 for v2; another Value-Size
// is kBadValueSize.
using MsChapV1Challenge = std::array<std::uint8_t, kMsChapV1ChallengeSize>;
using MsChapV2Challenge = std::array<std::uint8_t, kMsChapV2ChallengeSize>;
Result<MsChapV1Challenge, PppError> decode_mschapv1_challenge(Bytes value);
Result<MsChapV2Challenge, PppError> decode_mschapv2_challenge(Bytes value);

// RFC 2433 2.2: the MS-CHAPv1 Response Value.
struct MsChapV1Response {
  std::array<std::uint8_t, 24> lm_response{};
  std::array<std::uint8_t, 24> nt_response{};
  std::uint8_t use_nt_response = 1;  // 1: use nt_response, 0: lm_response
};
Result<MsChapV1Response, PppError> decode_mschapv1_response(Bytes value);
Result<std::size_t, PppError> encode_mschapv1_response(const MsChapV1Response& response, MutableBytes out);

// RFC 2759 4: the MS-CHAPv2 Response Value; its 8 reserved octets must be
// zero (kReservedNotZero). Flags is kept as received.
struct MsChapV2Response {
  std::array<std::uint8_t, 16> peer_challenge{};
  std::array<std::uint8_t, 24> nt_response{};
  std::uint8_t flags = 0;
};
Result<MsChapV2Response, PppError> decode_mschapv2_response(Bytes value);
Result<std::size_t, PppError> encode_mschapv2_response(const MsChapV2Response& response, MutableBytes out);

}  // namespace pptpkit::wire
