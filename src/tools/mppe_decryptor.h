// Decrypts both directions of one captured MPPE session (RFC 3078) with the
// receivers the link itself uses (ppp::MppeReceiver): stateless packets by
// their coherency count, stateful ones in sequence, resynchronising on
// flushed packets.
#pragma once

#include <optional>

#include "base/result.h"
#include "ppp/auth.h"
#include "ppp/mppe.h"
#include "tools/session_tracker.h"

namespace pptpkit::tools {

class MppeDecryptor {
 public:
  // The initial keys of both directions (RFC 3079) from the authenticator's
  // side; nullopt for MS-CHAPv1 at 40/56 bits when the password has no LAN
  // Manager form. `authenticator_sends` tells which direction is which.
  static std::optional<MppeDecryptor> create(const ppp::MppeKeyMaterial& material,
                                             const ppp::MppeConfig& config, Direction authenticator_sends);

  // Decrypts, in place, the Information field of a 0x00FD frame that
  // travelled in `direction`.
  Result<ppp::MppePlaintext, ppp::MppeDrop> decrypt(Direction direction, MutableBytes information);

 private:
  MppeDecryptor(Direction authenticator_sends, ppp::MppeReceiver from_authenticator,
                ppp::MppeReceiver from_peer)
      : authenticator_sends_(authenticator_sends),
        from_authenticator_(std::move(from_authenticator)),
        from_peer_(std::move(from_peer)) {}

  Direction authenticator_sends_;
  ppp::MppeReceiver from_authenticator_;
  ppp::MppeReceiver from_peer_;
};

}  // namespace pptpkit::tools
