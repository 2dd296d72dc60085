#include "tools/decode_json.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pptp_samples.h"
#include "tools/decode_text.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::tools {
namespace {

PacketInfo info() {
  PacketInfo i;
  i.frame = 12;
  i.time = {.seconds = 1'700'000'000, .nanoseconds = 1'234'567};
  i.source_address = 0xC0000202;
  i.destination_address = 0xC0000201;
  return i;
}

TEST(DecodeJson, CommonFieldsComeFirst) {
  const Json j = to_json({.info = info(), .event = ErrorEvent{.error = "bad"}});
  EXPECT_EQ(j.dump(), R"({"frame":12,"time":1700000000.001235,"src":"192.0.2.2","dst":"192.0.2.1",)"
                      R"("kind":"error","error":"bad"})");
}

TEST(DecodeJson, ErrorWithoutAddresses) {
  PacketInfo i;
  i.frame = 1;
  const Json j = to_json({.info = i, .event = ErrorEvent{.error = "link layer: truncated"}});
  EXPECT_FALSE(j.contains("src"));
  EXPECT_EQ(j["time"], 0.0);
}

TEST(DecodeJson, EveryPptpMessageHasItsNameAndRfcFields) {
  std::set<std::string> names;
  for (const auto& message : wire::testing::kSampleMessages) {
    const Json j = pptp_message_json(message);
    names.insert(j["message"].get<std::string>());
    EXPECT_GE(j.size(), 2u) << j.dump();
  }
  EXPECT_EQ(names.size(), 15u);
  EXPECT_FALSE(names.contains("unknown"));
}

TEST(DecodeJson, OutgoingCallReplyFields) {
  const Json j = pptp_message_json(wire::OutgoingCallReply{.call_id = 1,
                                                           .peer_call_id = 2,
                                                           .result_code = wire::OutgoingCallResult::kBusy,
                                                           .error_code = wire::GeneralError::kNone,
                                                           .cause_code = 3,
                                                           .connect_speed = 4,
                                                           .packet_recv_window_size = 5,
                                                           .packet_processing_delay = 6,
                                                           .physical_channel_id = 7});
  EXPECT_EQ(j.dump(), R"({"message":"Outgoing-Call-Reply","call_id":1,"peer_call_id":2,"result_code":4,)"
                      R"("error_code":0,"cause_code":3,"connect_speed":4,"packet_recv_window_size":5,)"
                      R"("packet_processing_delay":6,"physical_channel_id":7})");
}

TEST(DecodeJson, SetLinkInfoAccms) {
  const Json j =
      pptp_message_json(wire::SetLinkInfo{.peer_call_id = 9, .send_accm = 0xFFFFFFFF, .receive_accm = 0});
  EXPECT_EQ(j["send_accm"], 0xFFFFFFFFu);
  EXPECT_EQ(j["receive_accm"], 0);
}

TEST(DecodeJson, GreAckOnlyHasNoPpp) {
  const GreEvent gre{
      .gre = {.packet =
                  wire::GreV1Packet{.header = {.payload_length = 0, .call_id = 5, .ack = 41}, .payload = {}}},
      .ppp = std::nullopt};
  EXPECT_EQ(gre_json(gre).dump(),
            R"({"version":1,"protocol_type":34827,"call_id":5,"payload_length":0,"ack":41})");
}

TEST(DecodeJson, DataProtocolsHaveNoCode) {
  const std::uint8_t data[] = {0x90, 0x01, 0xAA};
  const PppDecoded ppp{.frame = {.protocol = wire::kPppCompressedDatagram, .information = data},
                       .control = std::nullopt,
                       .options = {}};
  EXPECT_EQ(ppp_json(ppp).dump(), R"({"protocol":253,"name":"Compressed datagram"})");
}

TEST(DecodeJson, ControlPacketWithOptions) {
  const std::uint8_t address[] = {10, 0, 0, 1};
  const PppDecoded ppp{
      .frame = {.protocol = wire::kPppIpcp, .information = {}},
      .control = wire::PppControlPacket{.code = 2, .identifier = 3, .length = 10, .data = {}},
      .options = {{.type = 3, .length = 6, .value = address}}};
  const Json j = ppp_json(ppp);
  EXPECT_EQ(j["name"], "IPCP");
  EXPECT_EQ(j["code"], 2);
  EXPECT_EQ(j["code_name"], "Configure-Ack");
  EXPECT_EQ(j["options"][0].dump(), R"({"type":3,"name":"addr","value":"10.0.0.1"})");
}

TEST(DecodeText, PptpLineUsesRelativeTime) {
  const Decoded d{.info = info(), .event = PptpEvent{.message = wire::CallClearRequest{.call_id = 77}}};
  EXPECT_EQ(to_text(d, {.seconds = 1'700'000'000, .nanoseconds = 0}),
            "#12 0.001235 192.0.2.2 -> 192.0.2.1 PPTP Call-Clear-Request call_id=77");
}

TEST(DecodeText, ErrorLine) {
  PacketInfo i;
  i.frame = 3;
  i.time = {.seconds = 10, .nanoseconds = 0};
  EXPECT_EQ(to_text({.info = i, .event = ErrorEvent{.error = "link layer: truncated"}}, {.seconds = 9}),
            "#3 1.000000 ERROR link layer: truncated");
}

}  // namespace
}  // namespace pptpkit::tools
