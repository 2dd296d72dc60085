// Randomness as the sans-I/O cores see it: an injected source, so production
// draws from the OS (the net layer's implementation) and tests replay a seed.
#pragma once

#include <cstdint>

#include "base/bytes.h"

namespace pptpkit {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Fills `out` with uniformly distributed octets. Production sources must be
  // unpredictable: Call IDs, challenges and magic numbers come from here.
  virtual void fill(MutableBytes out) = 0;

  std::uint32_t next_u32() {
    std::uint8_t b[4];
    fill(b);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
  }
};

// SplitMix64: deterministic and fast, for tests, fuzzing and simulations.
// Predictable by construction, so never for production.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  void fill(MutableBytes out) override {
    for (std::size_t i = 0; i < out.size(); i += 8) {
      const std::uint64_t v = next_u64();
      for (std::size_t j = 0; j < 8 && i + j < out.size(); ++j) {
        out[i + j] = static_cast<std::uint8_t>(v >> (8 * j));
      }
    }
  }

 private:
  std::uint64_t next_u64() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_;
};

}  // namespace pptpkit
