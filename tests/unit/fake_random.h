// Test helper: a deterministic RandomSource. Each fill() takes the next
// scripted value when it has the requested size; otherwise it writes a
// counter pattern, so runs are reproducible.
#pragma once

#include <cstdint>
#include <deque>
#include <stdexcept>
#include <vector>

#include "base/random.h"

namespace pptpkit::test {

class ScriptedRandom : public RandomSource {
 public:
  void script(std::vector<std::uint8_t> value) { script_.push_back(std::move(value)); }

  void fill(MutableBytes out) override {
    if (!script_.empty()) {
      if (script_.front().size() != out.size())
        throw std::logic_error("scripted random value of the wrong size");
      for (std::size_t i = 0; i < out.size(); ++i) out[i] = script_.front()[i];
      script_.pop_front();
      return;
    }
    for (auto& octet : out) octet = counter_++;
  }

 private:
  std::deque<std::vector<std::uint8_t>> script_;
  std::uint8_t counter_ = 0x11;
};

}  // namespace pptpkit::test
