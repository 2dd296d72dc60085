#include "tools/mppe_decryptor.h"

namespace pptpkit::tools {

std::optional<MppeDecryptor> MppeDecryptor::create(const ppp::MppeKeyMaterial& material,
                                                   const ppp::MppeConfig& config,
                                                   Direction authenticator_sends) {
  const auto keys = ppp::mppe_keys(material, crypto::MppeRole::kAuthenticator, config.strength);
  if (!keys) return std::nullopt;
  // What the authenticator sends, the peer receives with the same keys.
  return MppeDecryptor(authenticator_sends, ppp::MppeReceiver(config, keys->send),
                       ppp::MppeReceiver(config, keys->receive));
}

Result<ppp::MppePlaintext, ppp::MppeDrop> MppeDecryptor::decrypt(Direction direction,
                                                                 MutableBytes information) {
  return direction == authenticator_sends_ ? from_authenticator_.decrypt(information)
                                           : from_peer_.decrypt(information);
}

}  // namespace pptpkit::tools
