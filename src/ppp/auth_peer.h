// The peer (client) side of PAP (RFC 1334 section 2) and the CHAP family
// (RFC 1994, RFC 2433, RFC 2759): it proves its name and password. Driven
// as auth.h describes.
//
// PAP: start() sends an Authenticate-Request and resends it (with a new
// Identifier, RFC 1334 2.2.1) each restart interval until an Ack or Nak,
// giving up after max_tries. CHAP: start() waits for Challenges, answers
// each (a repeated Identifier gets the same Response again) and gives up
// after max_tries restart intervals without a verdict. MS-CHAPv2 checks the
// authenticator's S= (RFC 2759 8.8) and fails when it is wrong. A Failure's
// E= code becomes the AuthFailure; the peer does not retry on R=1 (it has
// only the one password).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/random.h"
#include "base/time.h"
#include "ppp/auth.h"
#include "ppp/auth_session.h"
#include "wire/ppp_control.h"

namespace pptpkit::ppp {

struct AuthPeerConfig {
  AuthMethod method = AuthMethod::kMsChapV2;
  std::string user_name;  // PAP Peer-ID, CHAP Name
  std::string password;
  AuthTiming timing;
};

class AuthPeer : public AuthSession {
 public:
  // `random` (MS-CHAPv2 Peer-Challenges) must outlive the object.
  AuthPeer(AuthPeerConfig config, RandomSource& random);

  void start(Timestamp now);
  // A received PAP or CHAP Information field; malformed or unexpected
  // packets are ignored (RFC 1661 section 5).
  void on_packet(Timestamp now, Bytes information);
  void on_timeout(Timestamp now);

 private:
  void send_pap_request();
  void send_chap_response(std::uint8_t identifier);
  void on_challenge(const wire::PppControlPacket& packet);
  void on_verdict(const wire::PppControlPacket& packet);
  void on_mschap_failure(std::string_view text);
  bool authenticator_response_ok(std::string_view text) const;

  AuthPeerConfig config_;
  RandomSource& random_;
  std::uint8_t identifier_ = 0;
  std::optional<std::uint8_t> answered_;  // Identifier of the last Challenge answered
  std::vector<std::uint8_t> response_;    // the encoded Response sent for it
  std::optional<MppeKeyMaterial> key_material_;
  std::string expected_authenticator_response_;
};

}  // namespace pptpkit::ppp
