// Round-trip checks shared by the PPP fuzz targets: a mismatch aborts, which
// libFuzzer reports as a crash with the input that caused it.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.h"

namespace pptpkit::fuzz {

inline void require(bool condition) {
  if (!condition) std::abort();
}

inline void require_same(Bytes a, Bytes b) { require(std::ranges::equal(a, b)); }

// Runs `encode(out)` into a buffer big enough for any PPP packet (Length is
// 16 bits) and requires it to reproduce `expected` exactly.
using EncodeBuffer = std::array<std::uint8_t, 0x10000 + 8>;

template <class Encode>
void require_encodes_to(Bytes expected, Encode&& encode) {
  static EncodeBuffer out;
  auto n = encode(MutableBytes(out));
  require(static_cast<bool>(n));
  require_same(Bytes(out.data(), *n), expected);
}

}  // namespace pptpkit::fuzz
