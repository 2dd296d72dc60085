// Randomness as the sans-I/O cores see it: an injected source, so production
// draws from the OS (the net layer's implementation) and tests replay a seed.
#pragma once

#include <cstdint>

namespace pptpkit {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // A uniformly distributed 32-bit value. Production sources must be
  // unpredictable: Call IDs drawn from them must not be guessable.
  virtual std::uint32_t next_u32() = 0;
};

// SplitMix64: deterministic and fast, for tests, fuzzing and simulations.
// Predictable by construction, so never for production.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  std::uint32_t next_u32() override {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<std::uint32_t>((z ^ (z >> 31)) >> 32);
  }

 private:
  std::uint64_t state_;
};

}  // namespace pptpkit
