#include "wire/pptp_codes.h"

#include <gtest/gtest.h>

namespace pptpkit::wire {
namespace {

TEST(PptpCodes, CarryTheRfcsValues) {
  EXPECT_EQ(kPptpProtocolVersion, 0x0100);                            // RFC 2637 2.1
  EXPECT_EQ(static_cast<int>(StartResult::kVersionNotSupported), 5);  // 2.2
  EXPECT_EQ(static_cast<int>(StopReason::kStopLocalShutdown), 3);     // 2.3
  EXPECT_EQ(static_cast<int>(OutgoingCallResult::kDoNotAccept), 7);   // 2.8
  EXPECT_EQ(static_cast<int>(IncomingCallResult::kDoNotAccept), 3);   // 2.10
  EXPECT_EQ(static_cast<int>(DisconnectResult::kRequest), 4);         // 2.13
  EXPECT_EQ(static_cast<int>(GeneralError::kPacError), 6);            // 2.16
}

TEST(PptpCodes, NamesAreTheRfcs) {
  EXPECT_EQ(to_string(StartResult::kChannelExists), "Command channel already exists");
  EXPECT_EQ(to_string(StopReason::kStopProtocol), "Stop-Protocol");
  EXPECT_EQ(to_string(StopResult::kOk), "OK");
  EXPECT_EQ(to_string(EchoResult::kGeneralError), "General Error");
  EXPECT_EQ(to_string(OutgoingCallResult::kTimeout), "Time-out");
  EXPECT_EQ(to_string(IncomingCallResult::kConnect), "Connect");
  EXPECT_EQ(to_string(DisconnectResult::kLostCarrier), "Lost Carrier");
  EXPECT_EQ(to_string(GeneralError::kBadCallId), "Bad-Call ID");
  EXPECT_EQ(to_string(GeneralError::kNotConnected), "Not-Connected");
  EXPECT_EQ(to_string(BearerType::kDigital), "Digital");
  EXPECT_EQ(to_string(FramingType::kAsync), "Asynchronous");
}

TEST(PptpCodes, ValuesOutsideTheRfcAreUnknown) {
  // Windows PACs send Call-Disconnect-Notify with Result Code 0 (MS-PTPT 3.2.5.5).
  EXPECT_EQ(to_string(DisconnectResult{0}), "unknown");
  EXPECT_EQ(to_string(GeneralError{7}), "unknown");
  EXPECT_EQ(to_string(FramingType{4}), "unknown");
}

}  // namespace
}  // namespace pptpkit::wire
