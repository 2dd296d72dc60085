#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include "wire/pptp_codec.h"
#include "wire/pptp_framer.h"

using namespace pptpkit;

namespace {

struct Outcome {
  std::vector<std::size_t> message_sizes;
  std::optional<wire::PptpError> error;
  bool operator==(const Outcome&) const = default;
};

// What the framer must guarantee to the decoder about a framed message.
void check_framed(Bytes message) {
  if (message.size() < wire::kPptpHeaderSize || message.size() > wire::kPptpMaxMessageSize) std::abort();
  auto decoded = wire::decode_pptp_message(message);
  if (decoded) return;
  switch (decoded.error()) {
    case wire::PptpError::kTruncated:
    case wire::PptpError::kBadMagicCookie:
    case wire::PptpError::kBadLength:
    case wire::PptpError::kTrailingBytes:
      std::abort();
    default:
      break;
  }
}

// Feeds `stream` to the framer in chunks whose sizes cycle through `chunks`
// (1..64 octets; all at once if `chunks` is empty), as a connection reader
// would: append what arrived, take every whole message, keep the rest.
Outcome frame_in_chunks(Bytes stream, Bytes chunks) {
  Outcome outcome;
  std::vector<std::uint8_t> buffer;
  std::size_t next_chunk = 0;
  for (std::size_t pos = 0; pos < stream.size() && !outcome.error;) {
    const std::size_t left = stream.size() - pos;
    const std::size_t chunk =
        chunks.empty() ? left : std::min<std::size_t>(chunks[next_chunk++ % chunks.size()] % 64u + 1u, left);
    buffer.insert(buffer.end(), stream.begin() + static_cast<std::ptrdiff_t>(pos),
                  stream.begin() + static_cast<std::ptrdiff_t>(pos + chunk));
    pos += chunk;
    while (true) {
      auto frame = wire::frame_pptp_stream(buffer);
      if (!frame) {
        outcome.error = frame.error();
        break;
      }
      if (!frame->complete) {
        // Asks for more than it has, and never for more than one message.
        if (frame->size <= buffer.size() || frame->size > wire::kPptpMaxMessageSize) std::abort();
        break;
      }
      check_framed(Bytes(buffer).first(frame->size));
      outcome.message_sizes.push_back(frame->size);
      buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(frame->size));
    }
  }
  return outcome;
}

}  // namespace

// Input: octet 0 says how many chunk-size octets follow (1..8); the rest is
// the control connection's byte stream.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk_count = std::min<std::size_t>(data[0] % 8u + 1u, size - 1);
  if (chunk_count == 0) return 0;
  const Bytes chunks(data + 1, chunk_count);
  const Bytes stream(data + 1 + chunk_count, size - 1 - chunk_count);
  // However the stream is cut, the framer finds the same messages and error.
  if (frame_in_chunks(stream, chunks) != frame_in_chunks(stream, {})) std::abort();
  return 0;
}
