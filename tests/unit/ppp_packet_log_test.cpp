#include "ppp/packet_log.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "wire/ppp_auth.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

TEST(PacketLog, TerminateRequestShowsItsReason) {
  const std::array<std::uint8_t, 8> packet{5, 2, 0, 8, 'U', 's', 'e', 'r'};
  EXPECT_EQ(format_packet(wire::kPppLcp, packet), "[LCP TermReq id=0x2 \"User\"]");
}

// pppd prints an authenticator's verdict with its Message: that is where
// MS-CHAPv2 says why (RFC 2759 6, E=691: the password was wrong).
TEST(PacketLog, ChapFailureShowsItsMessage) {
  std::array<std::uint8_t, 64> packet{};
  const std::string_view message = "E=691 R=0 C=00 V=3 M=no";
  const auto size = wire::encode_chap_message(wire::kChapFailure, 1, message, packet);
  ASSERT_TRUE(size);
  EXPECT_EQ(format_packet(wire::kPppChap, std::span(packet).first(*size)),
            "[CHAP Failure id=0x1 \"E=691 R=0 C=00 V=3 M=no\"]");
}

TEST(PacketLog, ChapSuccessWithoutMessageShowsNone) {
  std::array<std::uint8_t, 4> packet{};
  const auto size = wire::encode_chap_message(wire::kChapSuccess, 7, "", packet);
  ASSERT_TRUE(size);
  EXPECT_EQ(format_packet(wire::kPppChap, std::span(packet).first(*size)), "[CHAP Success id=0x7]");
}

TEST(PacketLog, PapNakShowsItsMessageWithoutControlCharacters) {
  std::array<std::uint8_t, 32> packet{};
  const auto size = wire::encode_pap_message(wire::kPapAuthenticateNak, 3, "bad\npassword", packet);
  ASSERT_TRUE(size);
  EXPECT_EQ(format_packet(wire::kPppPap, std::span(packet).first(*size)),
            "[PAP AuthNak id=0x3 \"bad.password\"]");
}

TEST(PacketLog, PapMessageLongerThanThePacketIsMalformed) {
  // Msg-Length 9, but only 2 octets follow.
  const std::array<std::uint8_t, 7> packet{2, 4, 0, 7, 9, 'o', 'k'};
  EXPECT_EQ(format_packet(wire::kPppPap, packet), "[PAP AuthAck id=0x4 <malformed>]");
}

TEST(PacketLog, ChallengeValuesAreNotPrinted) {
  const std::array<std::uint8_t, 11> packet{1, 1, 0, 11, 2, 0xAB, 0xCD, 'n', 'a', 'm', 'e'};
  EXPECT_EQ(format_packet(wire::kPppChap, packet), "[CHAP Challenge id=0x1]");
}

}  // namespace
}  // namespace pptpkit::ppp
