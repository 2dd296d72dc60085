// Comparison of 32-bit GRE sequence and acknowledgment numbers with serial
// number arithmetic (RFC 1982 section 3.2): a is after b when the forward
// distance from b to a is below 2^31. This survives wrap-around from
// 0xFFFFFFFF to 0, unlike the Linux kernel's pptp.c wrap heuristic.
#pragma once

#include <cstdint>

namespace pptpkit::gre {

// Signed distance from b to a: positive when a is after b (RFC 1982 3.2).
constexpr std::int32_t seq_distance(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::int32_t>(a - b);
}

constexpr bool seq_after(std::uint32_t a, std::uint32_t b) { return seq_distance(a, b) > 0; }

constexpr bool seq_before(std::uint32_t a, std::uint32_t b) { return seq_distance(a, b) < 0; }

}  // namespace pptpkit::gre
