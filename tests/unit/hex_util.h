// Test helper: hex text (spaces allowed, as RFCs print octets) to bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace pptpkit::test {

inline std::vector<std::uint8_t> hex(std::string_view text) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::vector<std::uint8_t> out;
  int high = -1;
  for (char c : text) {
    if (c == ' ' || c == '\n') continue;
    const int n = nibble(c);
    if (n < 0) throw std::invalid_argument("bad hex digit");
    if (high < 0) {
      high = n;
    } else {
      out.push_back(static_cast<std::uint8_t>((high << 4) | n));
      high = -1;
    }
  }
  if (high >= 0) throw std::invalid_argument("odd number of hex digits");
  return out;
}

template <std::size_t N>
std::array<std::uint8_t, N> hex_array(std::string_view text) {
  const auto v = hex(text);
  if (v.size() != N) throw std::invalid_argument("hex length differs from the array size");
  std::array<std::uint8_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = v[i];
  return out;
}

inline std::vector<std::uint8_t> to_vector(Bytes b) { return {b.begin(), b.end()}; }

inline Bytes text(std::string_view s) {
  return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

}  // namespace pptpkit::test
