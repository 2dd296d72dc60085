// The production RandomSource: the kernel's CSPRNG through getrandom(2).
// Call IDs and (later) CHAP challenges and magic numbers must be
// unpredictable to an off-path attacker, so no seeded generator here.
#pragma once

#include "base/random.h"

namespace pptpkit::net {

class SystemRandom final : public RandomSource {
 public:
  // Blocks only until the kernel's pool is initialised at boot; throws
  // std::system_error when getrandom fails otherwise (it does not on Linux
  // >= 3.17 for requests this small).
  void fill(MutableBytes out) override;
};

}  // namespace pptpkit::net
