// Byte-exact codec for PPTP control messages (RFC 2637 section 2).
#pragma once

#include <cstddef>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/pptp_header.h"
#include "wire/pptp_messages.h"

namespace pptpkit::wire {

// Decodes exactly one control message: `data` is the whole message, as the
// stream framer delimits it (RFC 2637 section 2). Checks, in this order: the
// header (decode_pptp_header), a Control Message Type of 1..15
// (kUnknownControlType), Length equal to the type's fixed size (kBadLength),
// the span holding Length octets (kTruncated) and no more (kTrailingBytes),
// every Reserved field zero (kReservedNotZero), and Phone Number Length,
// Dialed Number Length and Dialing Number Length at most 64 (kBadValue: a
// count of valid octets cannot exceed its 64-octet field; RFC 2637 section
// 2.16 names such a message Bad-Value). Text fields end at their first NUL or
// at the field's end; the length fields are kept as sent and not used to cut
// the text, since the RFC does not require them to match it. Result, error
// and cause codes are not judged: that is the state machine's business.
Result<PptpMessage, PptpError> decode_pptp_message(Bytes data);

// Writes the message with its header into the start of `out` and returns the
// octets written (its fixed size, RFC 2637 section 2). kBufferTooSmall when
// `out` is shorter, kBadValue for a number length above 64.
Result<std::size_t, PptpError> encode_pptp_message(const PptpMessage& message, MutableBytes out);

// The octets encode_pptp_message writes for `message` (RFC 2637 section 2).
std::size_t encoded_size(const PptpMessage& message);

}  // namespace pptpkit::wire
