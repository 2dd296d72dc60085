// PPP Protocol field values (RFC 1661 section 2, IANA "PPP DLL Protocol
// Numbers") for the protocols pptpkit speaks or has to name in logs.
#pragma once

#include <cstdint>

namespace pptpkit::wire {

inline constexpr std::uint16_t kPppIpv4 = 0x0021;                // RFC 1332
inline constexpr std::uint16_t kPppIpv6 = 0x0057;                // RFC 5072
inline constexpr std::uint16_t kPppCompressedDatagram = 0x00FD;  // RFC 1962 (MPPE/MPPC payload)
inline constexpr std::uint16_t kPppIpcp = 0x8021;                // RFC 1332
inline constexpr std::uint16_t kPppIpv6cp = 0x8057;              // RFC 5072
inline constexpr std::uint16_t kPppCcp = 0x80FD;                 // RFC 1962
inline constexpr std::uint16_t kPppLcp = 0xC021;                 // RFC 1661
inline constexpr std::uint16_t kPppPap = 0xC023;                 // RFC 1334
inline constexpr std::uint16_t kPppCbcp = 0xC029;                // MS-CBCP
inline constexpr std::uint16_t kPppChap = 0xC223;                // RFC 1994

}  // namespace pptpkit::wire
