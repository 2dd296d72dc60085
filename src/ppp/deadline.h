// Deadlines combine by taking the earliest; no deadline is "never".
#pragma once

#include <algorithm>
#include <optional>

#include "base/time.h"

namespace pptpkit::ppp {

inline std::optional<Timestamp> earliest(std::optional<Timestamp> a, std::optional<Timestamp> b) {
  if (a && b) return std::min(*a, *b);
  return a ? a : b;
}

}  // namespace pptpkit::ppp
