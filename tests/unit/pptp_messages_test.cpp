#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "pptp_samples.h"
#include "wire/pptp_codec.h"

namespace pptpkit::wire {
namespace {

using testing::kSampleMessages;
using Octets = std::vector<std::uint8_t>;

// Spells a field's octets at the offset the RFC's figure gives it.
void put(Octets& b, std::size_t offset, std::initializer_list<std::uint8_t> octets) {
  for (const std::uint8_t octet : octets) b.at(offset++) = octet;
}
void put(Octets& b, std::size_t offset, std::string_view text) {
  for (const char c : text) b.at(offset++) = static_cast<std::uint8_t>(c);
}

// A message of zeros behind the RFC 2637 2.1 header: Length, PPTP Message
// Type 1, Magic Cookie, Control Message Type, Reserved0.
Octets control_message(std::uint8_t length_hi, std::uint8_t length_lo, std::uint8_t type) {
  Octets b(std::size_t{length_hi} * 256 + length_lo);
  put(b, 0, {length_hi, length_lo, 0x00, 0x01, 0x1A, 0x2B, 0x3C, 0x4D, 0x00, type, 0x00, 0x00});
  return b;
}

Octets encode(const PptpMessage& message) {
  Octets out(encoded_size(message));
  auto written = encode_pptp_message(message, out);
  EXPECT_TRUE(written);
  EXPECT_EQ(written ? *written : 0, out.size());
  return out;
}

// Both directions: the bytes decode to the message, the message encodes to the bytes.
void expect_codec(const Octets& bytes, const PptpMessage& message) {
  auto decoded = decode_pptp_message(bytes);
  ASSERT_TRUE(decoded) << to_string(decoded.error());
  EXPECT_EQ(*decoded, message);
  EXPECT_EQ(encode(message), bytes);
}

const PptpMessage& sample(ControlMessageType type) {
  return kSampleMessages.at(static_cast<std::size_t>(type) - 1);
}

TEST(PptpMessages, StartControlConnectionRequestAtRfcOffsets) {  // RFC 2637 2.1
  Octets b = control_message(0x00, 0x9C, 1);                     // 156
  put(b, 12, {0x01, 0x00});                                      // Protocol Version 1.0
  put(b, 16, {0x00, 0x00, 0x00, 0x03});                          // Framing Capabilities: async | sync
  put(b, 20, {0x00, 0x00, 0x00, 0x02});                          // Bearer Capabilities: digital
  put(b, 24, {0x01, 0x02});                                      // Maximum Channels
  put(b, 26, {0x0A, 0x0B});                                      // Firmware Revision
  put(b, 28, "pptpkit");                                         // Host Name
  put(b, 92, "pptpkit vendor");                                  // Vendor String
  expect_codec(b, sample(ControlMessageType::kStartControlConnectionRequest));
}

TEST(PptpMessages, OutgoingCallRequestAtRfcOffsets) {  // RFC 2637 2.7
  Octets b = control_message(0x00, 0xA8, 7);           // 168
  put(b, 12, {0x12, 0x34});                            // Call ID
  put(b, 14, {0x56, 0x78});                            // Call Serial Number
  put(b, 16, {0x00, 0x00, 0x25, 0x80});                // Minimum BPS 9600
  put(b, 20, {0x05, 0xF5, 0xE1, 0x00});                // Maximum BPS 100000000
  put(b, 24, {0x00, 0x00, 0x00, 0x03});                // Bearer Type: any
  put(b, 28, {0x00, 0x00, 0x00, 0x03});                // Framing Type: any
  put(b, 32, {0x00, 0x40});                            // Packet Recv. Window Size
  put(b, 34, {0x00, 0x05});                            // Packet Processing Delay
  put(b, 36, {0x00, 0x07});                            // Phone Number Length
  put(b, 40, "5551234");                               // Phone Number
  put(b, 104, "ext 9");                                // Subaddress
  expect_codec(b, sample(ControlMessageType::kOutgoingCallRequest));
}

TEST(PptpMessages, OutgoingCallReplyAtRfcOffsets) {  // RFC 2637 2.8
  Octets b = control_message(0x00, 0x20, 8);         // 32
  put(b, 12, {0x22, 0x33});                          // Call ID
  put(b, 14, {0x12, 0x34});                          // Peer's Call ID
  put(b, 16, {0x01});                                // Result Code: Connected
  put(b, 17, {0x00});                                // Error Code
  put(b, 18, {0x00, 0x10});                          // Cause Code
  put(b, 20, {0x00, 0x01, 0xF4, 0x00});              // Connect Speed 128000
  put(b, 24, {0x00, 0x20});                          // Packet Recv. Window Size
  put(b, 26, {0x00, 0x03});                          // Packet Processing Delay
  put(b, 28, {0xDE, 0xAD, 0xBE, 0xEF});              // Physical Channel ID
  expect_codec(b, sample(ControlMessageType::kOutgoingCallReply));
}

TEST(PptpMessages, IncomingCallRequestAtRfcOffsets) {  // RFC 2637 2.9
  Octets b = control_message(0x00, 0xDC, 9);           // 220
  put(b, 12, {0x01, 0x02});                            // Call ID
  put(b, 14, {0x03, 0x04});                            // Call Serial Number
  put(b, 16, {0x00, 0x00, 0x00, 0x02});                // Call Bearer Type: digital
  put(b, 20, {0x0A, 0x0B, 0x0C, 0x0D});                // Physical Channel ID
  put(b, 24, {0x00, 0x04});                            // Dialed Number Length
  put(b, 26, {0x00, 0x05});                            // Dialing Number Length
  put(b, 28, "1234");                                  // Dialed Number
  put(b, 92, "56789");                                 // Dialing Number
  put(b, 156, "sub");                                  // Subaddress
  expect_codec(b, sample(ControlMessageType::kIncomingCallRequest));
}

TEST(PptpMessages, CallDisconnectNotifyAtRfcOffsets) {  // RFC 2637 2.13
  Octets b = control_message(0x00, 0x94, 13);           // 148
  put(b, 12, {0x44, 0x55});                             // Call ID
  put(b, 14, {0x03});                                   // Result Code: Admin Shutdown
  put(b, 15, {0x00});                                   // Error Code
  put(b, 16, {0x00, 0x11});                             // Cause Code
  put(b, 20, "rx=1 tx=2");                              // Call Statistics
  expect_codec(b, sample(ControlMessageType::kCallDisconnectNotify));
}

TEST(PptpMessages, WanErrorNotifyAtRfcOffsets) {  // RFC 2637 2.14
  Octets b = control_message(0x00, 0x28, 14);     // 40
  put(b, 12, {0x66, 0x77});                       // Peer's Call ID
  put(b, 16, {0x01, 0x02, 0x03, 0x04});           // CRC Errors
  put(b, 20, {0x05, 0x06, 0x07, 0x08});           // Framing Errors
  put(b, 24, {0x09, 0x0A, 0x0B, 0x0C});           // Hardware Overruns
  put(b, 28, {0x0D, 0x0E, 0x0F, 0x10});           // Buffer Overruns
  put(b, 32, {0x11, 0x12, 0x13, 0x14});           // Time-out Errors
  put(b, 36, {0x15, 0x16, 0x17, 0x18});           // Alignment Errors
  expect_codec(b, sample(ControlMessageType::kWanErrorNotify));
}

TEST(PptpMessages, SetLinkInfoAtRfcOffsets) {  // RFC 2637 2.15
  Octets b = control_message(0x00, 0x18, 15);  // 24
  put(b, 12, {0x88, 0x99});                    // Peer's Call ID
  put(b, 16, {0xFF, 0xFF, 0xFF, 0xFF});        // Send ACCM
  put(b, 20, {0x00, 0x0A, 0x00, 0x00});        // Receive ACCM
  expect_codec(b, sample(ControlMessageType::kSetLinkInfo));
}

TEST(PptpMessages, EveryTypeRoundTripsAtItsFixedSize) {
  // RFC 2637 section 2: the Length of each type, in type order.
  constexpr std::size_t kRfcLengths[] = {156, 156, 16, 16, 16, 20, 168, 32, 220, 24, 28, 16, 148, 40, 24};
  static_assert(kPptpMaxMessageSize == 220);
  for (std::uint16_t type = 1; type <= 15; ++type) {
    const PptpMessage& message = kSampleMessages.at(type - 1u);
    SCOPED_TRACE(message_name(message));
    EXPECT_EQ(static_cast<std::uint16_t>(control_message_type(message)), type);
    EXPECT_EQ(control_message_size(type), kRfcLengths[type - 1]);
    EXPECT_EQ(encoded_size(message), kRfcLengths[type - 1]);
    const Octets bytes = encode(message);
    auto decoded = decode_pptp_message(bytes);
    ASSERT_TRUE(decoded) << to_string(decoded.error());
    EXPECT_EQ(*decoded, message);
  }
  EXPECT_EQ(control_message_size(0), 0u);
  EXPECT_EQ(control_message_size(16), 0u);
}

TEST(PptpMessages, NamesAreTheRfcs) {
  EXPECT_EQ(message_name(ControlMessageType::kStartControlConnectionRequest),
            "Start-Control-Connection-Request");
  EXPECT_EQ(message_name(sample(ControlMessageType::kWanErrorNotify)), "WAN-Error-Notify");
  EXPECT_EQ(message_name(sample(ControlMessageType::kSetLinkInfo)), "Set-Link-Info");
  EXPECT_EQ(message_name(ControlMessageType{16}), "unknown");
}

TEST(PptpMessages, RejectsTruncatedInput) {
  const Octets sccrq = encode(sample(ControlMessageType::kStartControlConnectionRequest));
  for (const std::size_t size : {0u, 11u, 12u, 155u}) {
    EXPECT_EQ(decode_pptp_message(Bytes(sccrq).first(size)).error(), PptpError::kTruncated) << size;
  }
}

TEST(PptpMessages, RejectsALengthOtherThanTheTypesSize) {
  Octets longer = encode(sample(ControlMessageType::kEchoRequest));
  longer.push_back(0);
  put(longer, 0, {0x00, 0x11});  // 17 octets, and all of them present
  EXPECT_EQ(decode_pptp_message(longer).error(), PptpError::kBadLength);
  Octets shorter = encode(sample(ControlMessageType::kEchoReply));
  shorter.pop_back();
  put(shorter, 0, {0x00, 0x13});
  EXPECT_EQ(decode_pptp_message(shorter).error(), PptpError::kBadLength);
}

TEST(PptpMessages, RejectsOctetsAfterTheMessage) {
  Octets b = encode(sample(ControlMessageType::kCallClearRequest));
  b.push_back(0);
  EXPECT_EQ(decode_pptp_message(b).error(), PptpError::kTrailingBytes);
}

TEST(PptpMessages, RejectsABadHeader) {
  const Octets good = encode(sample(ControlMessageType::kOutgoingCallReply));
  Octets b = good;
  put(b, 4, {0x1A, 0x2B, 0x3C, 0x4E});
  EXPECT_EQ(decode_pptp_message(b).error(), PptpError::kBadMagicCookie);
  b = good;
  put(b, 2, {0x00, 0x02});  // a management message
  EXPECT_EQ(decode_pptp_message(b).error(), PptpError::kBadMessageType);
  for (const std::uint8_t type : {std::uint8_t{0}, std::uint8_t{16}, std::uint8_t{255}}) {
    b = good;
    put(b, 9, {type});
    EXPECT_EQ(decode_pptp_message(b).error(), PptpError::kUnknownControlType) << int{type};
  }
}

TEST(PptpMessages, RejectsEveryNonZeroReservedOctet) {
  struct Reserved {
    ControlMessageType type;
    std::initializer_list<std::size_t> offsets;
  };
  // The Reserved fields of RFC 2637 sections 2.1-2.15, by octet offset.
  const Reserved reserved[] = {
      {ControlMessageType::kStartControlConnectionRequest, {10, 11, 14, 15}},
      {ControlMessageType::kStartControlConnectionReply, {10, 11}},
      {ControlMessageType::kStopControlConnectionRequest, {10, 11, 13, 14, 15}},
      {ControlMessageType::kStopControlConnectionReply, {10, 11, 14, 15}},
      {ControlMessageType::kEchoRequest, {10, 11}},
      {ControlMessageType::kEchoReply, {10, 11, 18, 19}},
      {ControlMessageType::kOutgoingCallRequest, {10, 11, 38, 39}},
      {ControlMessageType::kOutgoingCallReply, {10, 11}},
      {ControlMessageType::kIncomingCallRequest, {10, 11}},
      {ControlMessageType::kIncomingCallReply, {10, 11, 22, 23}},
      {ControlMessageType::kIncomingCallConnected, {10, 11, 14, 15}},
      {ControlMessageType::kCallClearRequest, {10, 11, 14, 15}},
      {ControlMessageType::kCallDisconnectNotify, {10, 11, 18, 19}},
      {ControlMessageType::kWanErrorNotify, {10, 11, 14, 15}},
      {ControlMessageType::kSetLinkInfo, {10, 11, 14, 15}},
  };
  for (const auto& [type, offsets] : reserved) {
    const Octets good = encode(sample(type));
    for (const std::size_t offset : offsets) {
      Octets b = good;
      EXPECT_EQ(b.at(offset), 0) << message_name(type) << " @" << offset;
      b.at(offset) = 0x80;
      auto decoded = decode_pptp_message(b);
      ASSERT_FALSE(decoded) << message_name(type) << " @" << offset;
      EXPECT_EQ(decoded.error(), PptpError::kReservedNotZero) << message_name(type) << " @" << offset;
    }
  }
}

TEST(PptpMessages, NumberLengthsAboveTheFieldAreBadValues) {
  auto ocrq = std::get<OutgoingCallRequest>(sample(ControlMessageType::kOutgoingCallRequest));
  ocrq.phone_number_length = 64;
  Octets b = encode(ocrq);
  EXPECT_TRUE(decode_pptp_message(b));
  put(b, 36, {0x00, 0x41});  // Phone Number Length 65
  EXPECT_EQ(decode_pptp_message(b).error(), PptpError::kBadValue);
  ocrq.phone_number_length = 65;
  Octets out(OutgoingCallRequest::kSize);
  EXPECT_EQ(encode_pptp_message(ocrq, out).error(), PptpError::kBadValue);

  const Octets icrq = encode(sample(ControlMessageType::kIncomingCallRequest));
  for (const std::size_t offset : {24u, 26u}) {  // Dialed, Dialing Number Length
    b = icrq;
    put(b, offset, {0xFF, 0xFF});
    EXPECT_EQ(decode_pptp_message(b).error(), PptpError::kBadValue) << offset;
  }
}

TEST(PptpMessages, TextFillsItsWholeFieldWithoutANul) {
  const std::string host(kHostNameSize, 'h');
  const std::string vendor(kVendorStringSize, 'v');
  const Octets b = encode(StartControlConnectionReply{.host_name = host, .vendor_string = vendor});
  auto decoded = decode_pptp_message(b);
  ASSERT_TRUE(decoded);
  const auto& sccrp = std::get<StartControlConnectionReply>(*decoded);
  EXPECT_EQ(sccrp.host_name, host);  // stops at the field's end, not at the vendor string
  EXPECT_EQ(sccrp.vendor_string, vendor);

  const std::string statistics(kCallStatisticsSize, 's');
  const Octets cdn_bytes =
      encode(CallDisconnectNotify{.call_statistics = statistics});  // decoded text points here
  auto cdn = decode_pptp_message(cdn_bytes);
  ASSERT_TRUE(cdn);
  EXPECT_EQ(std::get<CallDisconnectNotify>(*cdn).call_statistics, statistics);
}

TEST(PptpMessages, TextEndsAtTheFirstNulAndLongerTextIsCut) {
  Octets b = encode(sample(ControlMessageType::kStartControlConnectionRequest));
  put(b, 28 + 4, {0x00});  // "pptp\0it"
  auto decoded = decode_pptp_message(b);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(std::get<StartControlConnectionRequest>(*decoded).host_name, "pptp");

  const std::string long_name(kHostNameSize + 6, 'x');
  const Octets cut_bytes = encode(StartControlConnectionRequest{.host_name = long_name, .vendor_string = {}});
  auto cut = decode_pptp_message(cut_bytes);  // decoded text points into cut_bytes
  ASSERT_TRUE(cut);
  EXPECT_EQ(std::get<StartControlConnectionRequest>(*cut).host_name, long_name.substr(0, kHostNameSize));
}

TEST(PptpMessages, EncodeNeedsRoomForTheWholeMessage) {
  Octets out(SetLinkInfo::kSize - 1);
  EXPECT_EQ(encode_pptp_message(SetLinkInfo{}, out).error(), PptpError::kBufferTooSmall);
  out.resize(SetLinkInfo::kSize + 10);
  auto written = encode_pptp_message(SetLinkInfo{}, out);
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, SetLinkInfo::kSize);
}

}  // namespace
}  // namespace pptpkit::wire
