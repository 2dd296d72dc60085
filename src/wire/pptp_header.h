// The header every PPTP control message starts with (RFC 2637 section 2.1).
#pragma once

#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace pptpkit::wire {

inline constexpr std::uint32_t kPptpMagicCookie = 0x1A2B3C4D;
inline constexpr std::uint16_t kPptpControlMessage = 1;  // PPTP Message Type 1
inline constexpr std::uint16_t kPptpManagementMessage = 2;
inline constexpr std::size_t kPptpHeaderSize = 12;

// Why a control message (or its header) was refused.
enum class PptpError : std::uint8_t {
  kTruncated,           // fewer bytes than the header or the message type needs
  kBadMagicCookie,      // magic cookie is not 0x1A2B3C4D
  kBadMessageType,      // PPTP Message Type is not 1 (control)
  kUnknownControlType,  // control message type outside 1..15
  kBadLength,           // Length field differs from the size fixed for the type, or no message has it
  kReservedNotZero,     // a reserved field is not zero
  kBadValue,            // a field's value is out of range (e.g. a number length above its field's size)
  kTrailingBytes,       // the span holds more octets than the message's Length
  kBufferTooSmall,      // encoder output span is smaller than the message
};

std::string_view to_string(PptpError e);

struct PptpHeader {
  std::uint16_t length = 0;
  std::uint16_t message_type = kPptpControlMessage;
  std::uint32_t magic_cookie = kPptpMagicCookie;
  std::uint16_t control_message_type = 0;
  std::uint16_t reserved0 = 0;
};

// Decodes the 12-octet header at the start of `data`. Checks only what the
// header alone can tell: enough bytes, message type 1, the magic cookie and
// Reserved0. The Length field is checked against the control message type by
// the message decoder and the stream framer.
Result<PptpHeader, PptpError> decode_pptp_header(Bytes data);

// Writes the header into the first 12 octets of `out`.
Status<PptpError> encode_pptp_header(const PptpHeader& header, MutableBytes out);

}  // namespace pptpkit::wire
