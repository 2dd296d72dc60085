// Randomness as the protocol cores see it: an injected source, so tests and
// simulations can run deterministically. The runtime supplies one backed by
// the operating system's cryptographic generator.
#pragma once

#include "base/bytes.h"

namespace pptpkit {

struct RandomSource {
  virtual ~RandomSource() = default;
  // Fills `out` with unpredictable octets.
  virtual void fill(MutableBytes out) = 0;
};

}  // namespace pptpkit
