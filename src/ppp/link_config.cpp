#include "ppp/link_config.h"

#include <algorithm>

namespace pptpkit::ppp {

std::string_view to_string(LinkConfigError e) {
  switch (e) {
    case LinkConfigError::kMppeWithoutMsChap:
      return "MPPE required but no MS-CHAP method allowed (MPPE keys come from MS-CHAP)";
    case LinkConfigError::kNoMppeStrength:
      return "MPPE enabled but no key strength allowed";
    case LinkConfigError::kMinMruAboveMru:
      return "minimum MRU above the MRU requested";
  }
  return "unknown configuration error";
}

Status<LinkConfigError> validate(const LinkConfig& config) {
  const CcpConfig& ccp = config.ccp;
  if (ccp.policy != MppePolicy::kRefused && !ccp.allow_40_bit && !ccp.allow_56_bit && !ccp.allow_128_bit) {
    return Unexpected{LinkConfigError::kNoMppeStrength};
  }
  // RFC 3079 2 and 3: the MPPE master keys are derived from MS-CHAP's hashes.
  const auto& methods = config.lcp.auth_methods;
  const bool mschap = std::ranges::any_of(
      methods, [](AuthMethod m) { return m == AuthMethod::kMsChapV1 || m == AuthMethod::kMsChapV2; });
  if (ccp.policy == MppePolicy::kRequired && !mschap) return Unexpected{LinkConfigError::kMppeWithoutMsChap};
  if (config.lcp.min_mru > config.lcp.mru) return Unexpected{LinkConfigError::kMinMruAboveMru};
  return {};
}

}  // namespace pptpkit::ppp
