// Delimits control messages in the TCP byte stream of a PPTP control
// connection (RFC 2637 section 2: every message starts with its Length).
#pragma once

#include <cstddef>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/pptp_header.h"

namespace pptpkit::wire {

// What the front of the buffered stream holds.
struct PptpFrame {
  // True when the first `size` octets are one whole message, ready for
  // decode_pptp_message; the caller then drops them and frames again.
  bool complete = false;
  // complete: the message's Length. Otherwise: how many octets the buffer
  // must hold before framing can say more (12 for a header, then Length).
  // Never more than kPptpMaxMessageSize, so a reader that drops each framed
  // message keeps less than that beyond its latest read.
  std::size_t size = 0;
};

// Frames the message at the start of `buffered`, the octets received and not
// yet consumed; like Beast's basic_parser::put, it consumes nothing until a
// whole message is there, so arbitrary chunking (down to one octet) works.
// Errors mean the stream cannot be resynchronised and the connection must
// close: kBadMagicCookie (RFC 2637 section 2.1: the cookie is there to detect
// a lost sync) and kBadLength, raised as soon as the 12-octet header is in,
// for a Length that no message can have: for a Control Message Type of
// 1..15, anything but its fixed size; otherwise, less than the header or
// more than kPptpMaxMessageSize. A message of an unknown or non-control type
// with a plausible Length is framed so that decode_pptp_message reports it
// and the connection can answer it.
Result<PptpFrame, PptpError> frame_pptp_stream(Bytes buffered);

}  // namespace pptpkit::wire
