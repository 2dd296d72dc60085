#include "wire/pptp_framer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "pptp_samples.h"
#include "wire/pptp_codec.h"

namespace pptpkit::wire {
namespace {

using testing::kSampleMessages;
using Octets = std::vector<std::uint8_t>;

Octets encode_all() {
  Octets stream;
  for (const PptpMessage& message : kSampleMessages) {
    Octets one(encoded_size(message));
    EXPECT_TRUE(encode_pptp_message(message, one));
    stream.insert(stream.end(), one.begin(), one.end());
  }
  return stream;
}

struct Framed {
  std::vector<Octets> messages;
  std::optional<PptpError> error;
  std::size_t most_buffered = 0;
};

// Feeds `stream` to the framer `chunk` octets at a time, as a connection
// reader would: append what arrived, take every whole message, keep the rest.
Framed frame_in_chunks(Bytes stream, std::size_t chunk) {
  Framed out;
  Octets buffer;
  for (std::size_t pos = 0; pos < stream.size() && !out.error; pos += chunk) {
    const Bytes piece = stream.subspan(pos, std::min(chunk, stream.size() - pos));
    buffer.insert(buffer.end(), piece.begin(), piece.end());
    out.most_buffered = std::max(out.most_buffered, buffer.size());
    while (true) {
      auto frame = frame_pptp_stream(buffer);
      if (!frame) {
        out.error = frame.error();
        break;
      }
      EXPECT_LE(frame->size, kPptpMaxMessageSize);
      if (!frame->complete) break;
      const auto end = buffer.begin() + static_cast<std::ptrdiff_t>(frame->size);
      out.messages.emplace_back(buffer.begin(), end);
      buffer.erase(buffer.begin(), end);
    }
  }
  return out;
}

std::array<std::uint8_t, 12> header(std::uint8_t length_hi, std::uint8_t length_lo, std::uint8_t message_type,
                                    std::uint8_t control_type) {
  return {length_hi, length_lo, 0x00, message_type, 0x1A, 0x2B, 0x3C, 0x4D, 0x00, control_type, 0x00, 0x00};
}

TEST(PptpFramer, YieldsEveryMessageWhateverTheChunking) {
  const Octets stream = encode_all();
  for (const std::size_t chunk :
       {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{13}, std::size_t{221}, stream.size()}) {
    SCOPED_TRACE(chunk);
    const Framed framed = frame_in_chunks(stream, chunk);
    EXPECT_FALSE(framed.error);
    ASSERT_EQ(framed.messages.size(), kSampleMessages.size());
    for (std::size_t i = 0; i < kSampleMessages.size(); ++i) {
      auto decoded = decode_pptp_message(framed.messages[i]);
      ASSERT_TRUE(decoded) << to_string(decoded.error());
      EXPECT_EQ(*decoded, kSampleMessages[i]);
    }
    // Never more than a partial message plus the latest chunk.
    EXPECT_LT(framed.most_buffered, kPptpMaxMessageSize + chunk);
  }
}

TEST(PptpFramer, AsksForTheHeaderThenForTheLength) {
  const Octets stream = encode_all();  // a Start-Control-Connection-Request (156) comes first
  const auto frame_of = [&](std::size_t n) { return frame_pptp_stream(Bytes(stream).first(n)).value(); };
  EXPECT_FALSE(frame_of(0).complete);
  EXPECT_EQ(frame_of(0).size, 12u);
  EXPECT_EQ(frame_of(11).size, 12u);
  EXPECT_FALSE(frame_of(12).complete);
  EXPECT_EQ(frame_of(12).size, 156u);
  EXPECT_FALSE(frame_of(155).complete);
  EXPECT_TRUE(frame_of(156).complete);
  EXPECT_EQ(frame_of(156).size, 156u);
  EXPECT_TRUE(frame_of(200).complete);
  EXPECT_EQ(frame_of(200).size, 156u);
}

TEST(PptpFramer, RejectsAnImpossibleLengthOnceTheHeaderIsIn) {
  // Start-Control-Connection-Request is 156 octets, never 157 nor 155.
  EXPECT_EQ(frame_pptp_stream(header(0x00, 0x9D, 1, 1)).error(), PptpError::kBadLength);
  EXPECT_EQ(frame_pptp_stream(header(0x00, 0x9B, 1, 1)).error(), PptpError::kBadLength);
  // Types without a fixed size must still fit between a header and the largest message.
  EXPECT_EQ(frame_pptp_stream(header(0x00, 0x0B, 1, 16)).error(), PptpError::kBadLength);
  EXPECT_EQ(frame_pptp_stream(header(0x00, 0xDD, 1, 16)).error(), PptpError::kBadLength);
  EXPECT_EQ(frame_pptp_stream(header(0xFF, 0xFF, 2, 1)).error(), PptpError::kBadLength);
  EXPECT_EQ(frame_pptp_stream(header(0x00, 0xDC, 1, 16))->size, 220u);
}

TEST(PptpFramer, RejectsABadMagicCookie) {
  auto bad = header(0x00, 0x10, 1, 5);
  bad[7] = 0x4E;
  EXPECT_EQ(frame_pptp_stream(bad).error(), PptpError::kBadMagicCookie);

  Octets stream = encode_all();
  stream[156 + 4] = 0;  // the second message's cookie
  const Framed framed = frame_in_chunks(stream, 1);
  EXPECT_EQ(framed.messages.size(), 1u);
  EXPECT_EQ(framed.error, PptpError::kBadMagicCookie);
}

TEST(PptpFramer, FramesUnknownTypesForTheDecoderToReport) {
  Octets stream(16);
  std::ranges::copy(header(0x00, 0x10, 1, 16), stream.begin());  // Control Message Type 16
  Octets management(16);
  std::ranges::copy(header(0x00, 0x10, 2, 5), management.begin());  // PPTP Message Type 2
  stream.insert(stream.end(), management.begin(), management.end());
  const Octets valid = encode_all();
  stream.insert(stream.end(), valid.begin(), valid.end());

  const Framed framed = frame_in_chunks(stream, 5);
  EXPECT_FALSE(framed.error);
  ASSERT_EQ(framed.messages.size(), 2 + kSampleMessages.size());
  EXPECT_EQ(decode_pptp_message(framed.messages[0]).error(), PptpError::kUnknownControlType);
  EXPECT_EQ(decode_pptp_message(framed.messages[1]).error(), PptpError::kBadMessageType);
  EXPECT_TRUE(decode_pptp_message(framed.messages[2]));
}

}  // namespace
}  // namespace pptpkit::wire
