// The first 16 bits every GRE header starts with: flag bits and Version,
// numbered from bit 0 (most significant) as in RFC 1701 section 2, whose
// names RFC 2784 section 2.1, RFC 2890 section 2 and RFC 2637 section 4.1
// reuse. Followed by the 16-bit Protocol Type.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pptpkit::wire {

inline constexpr std::uint16_t kGreChecksumPresent = 0x8000;    // C, bit 0
inline constexpr std::uint16_t kGreRoutingPresent = 0x4000;     // R, bit 1 (RFC 1701)
inline constexpr std::uint16_t kGreKeyPresent = 0x2000;         // K, bit 2
inline constexpr std::uint16_t kGreSequencePresent = 0x1000;    // S, bit 3
inline constexpr std::uint16_t kGreStrictSourceRoute = 0x0800;  // s, bit 4 (RFC 1701)
inline constexpr std::uint16_t kGreRecursionMask = 0x0700;      // Recur, bits 5-7 (RFC 1701)
inline constexpr std::uint16_t kGreAckPresent = 0x0080;         // A, bit 8 (RFC 2637 only)
inline constexpr std::uint16_t kGreFlagsMask = 0x0078;          // Flags, bits 9-12
inline constexpr std::uint16_t kGreVersionMask = 0x0007;        // Ver, bits 13-15

// Flags and Version plus Protocol Type: what every version has.
inline constexpr std::size_t kGreBaseHeaderSize = 4;

}  // namespace pptpkit::wire
