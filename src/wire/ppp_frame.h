// PPP frames as PPTP carries them in GRE (RFC 2637 section 4.4): no HDLC
// flags, FCS or byte stuffing, just the Address and Control fields (omitted
// under ACFC), the Protocol field (one octet under PFC) and the information.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/ppp_error.h"

namespace pptpkit::wire {

inline constexpr std::uint8_t kPppAllStationsAddress = 0xFF;  // RFC 1662 3.1
inline constexpr std::uint8_t kPppUiControl = 0x03;
inline constexpr std::size_t kPppMaxHeaderSize = 4;

// What the peer agreed to receive (LCP options 7 and 8); set by the sender.
struct PppFrameOptions {
  bool acfc = false;  // Address-and-Control-Field-Compression, RFC 1661 6.6
  bool pfc = false;   // Protocol-Field-Compression, RFC 1661 6.5
};

struct PppFrame {
  std::uint16_t protocol = 0;
  Bytes information;
  bool acfc_used = false;  // the frame had no Address and Control fields
  bool pfc_used = false;   // the frame had a one-octet Protocol field
};

// RFC 1661 section 2: a Protocol value is odd in its low octet and even in
// its high octet, which is what lets a receiver tell a compressed one-octet
// field from the first octet of a two-octet one.
constexpr bool is_valid_ppp_protocol(std::uint16_t protocol) {
  return (protocol & 0x0001) != 0 && (protocol & 0x0100) == 0;
}

// Decodes a frame in either form, whatever was negotiated: RFC 1661 6.5 and
// 6.6 require a receiver to keep accepting uncompressed frames.
Result<PppFrame, PppError> decode_ppp_frame(Bytes data);

// Octets encode_ppp_header writes for this protocol and these options.
// RFC 1661 6.5 and 6.6: LCP frames are never compressed, and only protocols
// below 0x100 have a one-octet form.
std::size_t ppp_header_size(std::uint16_t protocol, PppFrameOptions options);

// Writes the Address, Control and Protocol fields at the start of `out` (the
// data path writes them into headroom in front of the payload). kBadProtocol
// if `protocol` is not a valid Protocol value (RFC 1661 section 2).
Result<std::size_t, PppError> encode_ppp_header(std::uint16_t protocol, PppFrameOptions options,
                                                MutableBytes out);

// Writes the header followed by `information` (RFC 1661 section 2).
Result<std::size_t, PppError> encode_ppp_frame(std::uint16_t protocol, Bytes information,
                                               PppFrameOptions options, MutableBytes out);

}  // namespace pptpkit::wire
