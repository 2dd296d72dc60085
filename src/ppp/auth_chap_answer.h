// The Response each CHAP method computes from a challenge and a password:
// MD5 (RFC 1994 section 4.1), MS-CHAPv1 (RFC 2433 section 2.2, NT response
// only) and MS-CHAPv2 (RFC 2759 section 4). The peer sends it; the
// authenticator recomputes it from the stored password and compares. One
// function for both sides so they cannot drift apart.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "ppp/auth.h"

namespace pptpkit::ppp {

// Challenge Value sizes: 16 octets for MD5 (RFC 1994 allows any; pptpkit
// sends 16), 8 for MS-CHAPv1, 16 for MS-CHAPv2.
std::size_t chap_challenge_size(AuthMethod method);
// Whether a received Challenge Value has a size the method accepts.
bool chap_challenge_size_ok(AuthMethod method, std::size_t size);

using PeerChallenge = std::array<std::uint8_t, crypto::kMschapV2ChallengeSize>;

struct ChapAnswer {
  std::vector<std::uint8_t> value;              // the Response Value
  std::optional<MppeKeyMaterial> key_material;  // MS-CHAP
  std::string authenticator_response;           // MS-CHAPv2: the "S=" string (RFC 2759 8.7)
};

// The Response to `challenge` (whose size chap_challenge_size_ok() accepted)
// in the exchange with `identifier`, for `user_name` with `password`.
// peer_challenge is used by MS-CHAPv2 only. kInvalidCredentials when the
// password has no form the method needs (password.h).
Result<ChapAnswer, AuthFailure> chap_answer(AuthMethod method, std::uint8_t identifier, Bytes challenge,
                                            const PeerChallenge& peer_challenge, std::string_view user_name,
                                            std::string_view password);

// The authenticator's comparison (in constant time) of a received Response
// Value with the expected one: the whole value for MD5, the NT-Response for
// MS-CHAP. kNone on a match; kUnsupportedResponse for an MS-CHAPv1 response
// that asks for its LAN Manager half; kWrongPassword otherwise.
AuthFailure compare_chap_response(AuthMethod method, Bytes expected, Bytes received);

}  // namespace pptpkit::ppp
