#include "wire/pptp_framer.h"

#include "wire/pptp_messages.h"

namespace pptpkit::wire {

Result<PptpFrame, PptpError> frame_pptp_stream(Bytes buffered) {
  if (buffered.size() < kPptpHeaderSize) return PptpFrame{.size = kPptpHeaderSize};
  // Only the fields that delimit: decode_pptp_header would also refuse a
  // message type or Reserved0 the connection can report and survive.
  ByteReader reader(buffered);
  const std::size_t length = reader.u16();
  const std::uint16_t message_type = reader.u16();
  const std::uint32_t magic_cookie = reader.u32();
  const std::uint16_t control_type = reader.u16();
  if (magic_cookie != kPptpMagicCookie) return Unexpected{PptpError::kBadMagicCookie};
  const std::size_t fixed_size = message_type == kPptpControlMessage ? control_message_size(control_type) : 0;
  const bool possible =
      fixed_size != 0 ? length == fixed_size : length >= kPptpHeaderSize && length <= kPptpMaxMessageSize;
  if (!possible) return Unexpected{PptpError::kBadLength};
  return PptpFrame{.complete = buffered.size() >= length, .size = length};
}

}  // namespace pptpkit::wire
