// Writes a capture of every PPTP control message, every GRE variant and every
// PPP packet type pptpkit encodes, plus a manifest of what a dissector must
// read in each frame. Usage: oracle_capture OUT.pcap OUT.json
//
// The oracle test (tests/python/test_oracle_tshark.py) runs Debian's tshark
// on the capture and checks every expectation and that nothing is malformed.
#include <pcap/dlt.h>

#include <fstream>
#include <iostream>

#include "capture_builder.h"
#include "tools/pcap_file.h"
#include "wire/ipv4.h"
#include "wire/ppp_auth.h"
#include "wire/ppp_cbcp.h"
#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_names.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

using namespace pptpkit;
using namespace pptpkit::wire;
using nlohmann::json;
using Buffer = std::vector<std::uint8_t>;

namespace {

constexpr std::uint16_t kPnsCallId = 0x1234;
constexpr std::uint16_t kPacCallId = 0x4321;
constexpr std::array<std::uint8_t, 1> kMsChapV2Algorithm{kChapMsChapV2};
// Inner datagrams carry IP protocol 253 (RFC 3692, experimentation), whose
// payload dissectors show as data, so they need no valid transport header.
constexpr std::uint8_t kExperimentalProtocol = 253;

template <class R>
std::size_t must(const R& result) {
  if (!result.has_value()) throw std::runtime_error("encoder failed");
  return *result;
}

// A control-protocol packet (RFC 1661 section 5) with `data`.
Buffer control_packet(std::uint8_t code, std::uint8_t identifier, Bytes data) {
  Buffer out(kPppControlHeaderSize + data.size());
  must(encode_ppp_control_packet(code, identifier, data, out));
  return out;
}

// Concatenated options, each encoded by `encode(out) -> Result<size_t>`.
class Options {
 public:
  template <class Encode>
  Options& add(Encode encode) {
    std::array<std::uint8_t, 64> option{};
    const std::size_t n = must(encode(MutableBytes(option)));
    bytes_.insert(bytes_.end(), option.begin(), option.begin() + static_cast<std::ptrdiff_t>(n));
    return *this;
  }
  Bytes bytes() const { return bytes_; }

 private:
  Buffer bytes_;
};

Buffer ppp_frame(std::uint16_t protocol, Bytes information, PppFrameOptions options = {}) {
  Buffer out(kPppMaxHeaderSize + information.size());
  out.resize(must(encode_ppp_frame(protocol, information, options, out)));
  return out;
}

GreV1Header data_header(std::uint16_t call_id, std::size_t payload, std::uint32_t sequence,
                        std::optional<std::uint32_t> ack = std::nullopt) {
  return {.payload_length = static_cast<std::uint16_t>(payload),
          .call_id = call_id,
          .sequence = sequence,
          .ack = ack};
}

void add_control_messages(oracle::CaptureBuilder& b) {
  using oracle::kPac;
  using oracle::kPns;
  b.control(
      kPns,
      StartControlConnectionRequest{.framing_capabilities = kFramingCapabilityAsync | kFramingCapabilitySync,
                                    .bearer_capabilities = kBearerCapabilityAnalog,
                                    .maximum_channels = 0,
                                    .firmware_revision = 0x0102,
                                    .host_name = "pns.example",
                                    .vendor_string = "pptpkit"},
      {{"pptp.protocol_version", 256},
       {"pptp.framing_capabilities", 3},
       {"pptp.bearer_capabilities", 1},
       {"pptp.firmware_revision", 0x0102},
       {"pptp.host_name", "pns.example"},
       {"pptp.vendor_name", "pptpkit"}});
  b.control(kPac,
            StartControlConnectionReply{.result_code = StartResult::kSuccess,
                                        .error_code = GeneralError::kNone,
                                        .framing_capabilities = kFramingCapabilitySync,
                                        .bearer_capabilities = kBearerCapabilityDigital,
                                        .maximum_channels = 512,
                                        .firmware_revision = 7,
                                        .host_name = "pac.example",
                                        .vendor_string = "v"},
            {{"pptp.control_result", 1},
             {"pptp.error", 0},
             {"pptp.framing_capabilities", 2},
             {"pptp.bearer_capabilities", 2},
             {"pptp.maximum_channels", 512},
             {"pptp.host_name", "pac.example"}});
  b.control(kPns, EchoRequest{.identifier = 0xDEADBEEF}, {{"pptp.identifier", 0xDEADBEEFu}});
  b.control(kPac, EchoReply{.identifier = 0xDEADBEEF, .result_code = EchoResult::kOk, .error_code = {}},
            {{"pptp.identifier", 0xDEADBEEFu}, {"pptp.echo_result", 1}});
  b.control(kPns,
            OutgoingCallRequest{.call_id = kPnsCallId,
                                .call_serial_number = 77,
                                .minimum_bps = 2400,
                                .maximum_bps = 10000000,
                                .bearer_type = BearerType::kAny,
                                .framing_type = FramingType::kAny,
                                .packet_recv_window_size = 64,
                                .packet_processing_delay = 2,
                                .phone_number_length = 4,
                                .phone_number = "5551",
                                .subaddress = "sub"},
            {{"pptp.call_id", kPnsCallId},
             {"pptp.call_serial_number", 77},
             {"pptp.minimum_bps", 2400},
             {"pptp.maximum_bps", 10000000},
             {"pptp.bearer_type", 3},
             {"pptp.framing_type", 3},
             {"pptp.packet_receive_window_size", 64},
             {"pptp.packet_processing_delay", 2},
             {"pptp.phone_number_length", 4},
             {"pptp.phone_number", "5551"},
             {"pptp.subaddress", "sub"}});
  b.control(kPac,
            OutgoingCallReply{.call_id = kPacCallId,
                              .peer_call_id = kPnsCallId,
                              .result_code = OutgoingCallResult::kConnected,
                              .error_code = {},
                              .cause_code = 0,
                              .connect_speed = 100000000,
                              .packet_recv_window_size = 32,
                              .packet_processing_delay = 1,
                              .physical_channel_id = 9},
            {{"pptp.call_id", kPacCallId},
             {"pptp.peer_call_id", kPnsCallId},
             {"pptp.out_result", 1},
             {"pptp.connect_speed", 100000000},
             {"pptp.packet_receive_window_size", 32},
             {"pptp.physical_channel_id", 9}});
  b.control(kPac,
            IncomingCallRequest{.call_id = 0x0101,
                                .call_serial_number = 3,
                                .call_bearer_type = BearerType::kDigital,
                                .physical_channel_id = 4,
                                .dialed_number_length = 3,
                                .dialing_number_length = 2,
                                .dialed_number = "123",
                                .dialing_number = "45",
                                .subaddress = "x"},
            {{"pptp.call_id", 0x0101},
             {"pptp.call_serial_number", 3},
             {"pptp.bearer_type", 2},
             {"pptp.physical_channel_id", 4},
             {"pptp.dialed_number_length", 3},
             {"pptp.dialing_number_length", 2},
             {"pptp.dialed_number", "123"},
             {"pptp.dialing_number", "45"}});
  b.control(kPns,
            IncomingCallReply{.call_id = 0x0202,
                              .peer_call_id = 0x0101,
                              .result_code = IncomingCallResult::kConnect,
                              .error_code = {},
                              .packet_recv_window_size = 16,
                              .packet_transmit_delay = 0},
            {{"pptp.call_id", 0x0202},
             {"pptp.peer_call_id", 0x0101},
             {"pptp.in_result", 1},
             {"pptp.packet_receive_window_size", 16}});
  b.control(kPac,
            IncomingCallConnected{.peer_call_id = 0x0202,
                                  .connect_speed = 64000,
                                  .packet_recv_window_size = 8,
                                  .packet_transmit_delay = 3,
                                  .framing_type = FramingType::kSync},
            {{"pptp.peer_call_id", 0x0202},
             {"pptp.connect_speed", 64000},
             {"pptp.packet_receive_window_size", 8},
             {"pptp.framing_type", 2}});
  b.control(kPns, SetLinkInfo{.peer_call_id = kPacCallId, .send_accm = 0xFFFFFFFF, .receive_accm = 0},
            {{"pptp.peer_call_id", kPacCallId}});
  b.control(kPac,
            WanErrorNotify{.peer_call_id = kPnsCallId,
                           .crc_errors = 1,
                           .framing_errors = 2,
                           .hardware_overruns = 3,
                           .buffer_overruns = 4,
                           .timeout_errors = 5,
                           .alignment_errors = 6},
            {{"pptp.peer_call_id", kPnsCallId}});
  b.control(kPns, CallClearRequest{.call_id = kPnsCallId}, {{"pptp.call_id", kPnsCallId}});
  b.control(kPac,
            CallDisconnectNotify{.call_id = kPacCallId,
                                 .result_code = DisconnectResult::kRequest,
                                 .error_code = {},
                                 .cause_code = 16,
                                 .call_statistics = "stats"},
            {{"pptp.call_id", kPacCallId}, {"pptp.disc_result", 4}, {"pptp.cause", 16}});
  b.control(kPns, StopControlConnectionRequest{.reason = StopReason::kStopProtocol}, {{"pptp.reason", 2}});
  b.control(kPac, StopControlConnectionReply{.result_code = StopResult::kOk, .error_code = {}},
            {{"pptp.stop_result", 1}});
}

void add_gre(oracle::CaptureBuilder& b, std::uint16_t call_id, std::uint32_t& sequence, Bytes frame,
             json expect, std::optional<std::uint32_t> ack = std::nullopt) {
  // GRE carries the receiver's Call ID: kPacCallId goes to the PAC.
  const std::uint32_t sender = call_id == kPacCallId ? oracle::kPns : oracle::kPac;
  b.gre_v1(sender, data_header(call_id, frame.size(), sequence++, ack), frame, std::move(expect));
}

void add_ppp_packets(oracle::CaptureBuilder& b) {
  std::uint32_t seq = 0;
  const auto lcp_options =
      Options()
          .add([](MutableBytes o) { return encode_u16_option(kLcpMru, 1400, o); })
          .add([](MutableBytes o) { return encode_u32_option(kLcpAccm, 0, o); })
          .add([](MutableBytes o) {
            return encode_authentication_protocol_option(
                {.authentication_protocol = kPppChap, .data = kMsChapV2Algorithm}, o);
          })
          .add([](MutableBytes o) { return encode_u32_option(kLcpMagicNumber, 0x12345678, o); })
          .add([](MutableBytes o) { return encode_ppp_option(kLcpPfc, {}, o); })
          .add([](MutableBytes o) { return encode_ppp_option(kLcpAcfc, {}, o); });
  const std::uint8_t lcp_codes[] = {kPppConfigureRequest, kPppConfigureAck, kPppConfigureNak,
                                    kPppConfigureReject};
  std::uint8_t id = 1;
  for (std::uint8_t code : lcp_codes) {
    const auto frame = ppp_frame(kPppLcp, control_packet(code, id, lcp_options.bytes()));
    add_gre(b, kPacCallId, seq, frame,
            {{"description", "LCP " + std::string(ppp_code_name(kPppLcp, code))},
             {"ppp.protocol", kPppLcp},
             {"ppp.code", code},
             {"ppp.identifier", id},
             {"lcp.opt.mru", 1400},
             {"lcp.opt.auth_protocol", kPppChap},
             {"lcp.opt.algorithm", kChapMsChapV2},
             {"lcp.opt.magic_number", 0x12345678}},
            code == kPppConfigureAck ? std::optional<std::uint32_t>(7) : std::nullopt);
    ++id;
  }
  // Codes without options.
  const std::uint8_t reason[] = {'b', 'y', 'e'};
  for (std::uint8_t code : {kPppTerminateRequest, kPppTerminateAck}) {
    add_gre(b, kPacCallId, seq, ppp_frame(kPppLcp, control_packet(code, id, reason)),
            {{"description", "LCP " + std::string(ppp_code_name(kPppLcp, code))},
             {"ppp.protocol", kPppLcp},
             {"ppp.code", code},
             {"ppp.identifier", id}});
    ++id;
  }
  for (std::uint8_t code : {kPppEchoRequest, kPppEchoReply, kPppDiscardRequest, kPppIdentification}) {
    Buffer packet(32);
    const std::uint8_t text[] = {'h', 'i'};
    packet.resize(
        must(encode_magic_number_packet(code, id, {.magic_number = 0xCAFEBABE, .data = text}, packet)));
    add_gre(b, kPacCallId, seq, ppp_frame(kPppLcp, packet),
            {{"description", "LCP " + std::string(ppp_code_name(kPppLcp, code))},
             {"ppp.protocol", kPppLcp},
             {"ppp.code", code},
             {"ppp.identifier", id},
             {"lcp.magic_number", 0xCAFEBABEu}});
    ++id;
  }
  {
    Buffer packet(64);
    const std::uint8_t rejected[] = {0x01, 0x02, 0x03};
    packet.resize(must(
        encode_protocol_reject(id, {.rejected_protocol = 0x8281, .rejected_information = rejected}, packet)));
    add_gre(b, kPacCallId, seq, ppp_frame(kPppLcp, packet),
            {{"description", "LCP Protocol-Reject"},
             {"ppp.protocol", kPppLcp},
             {"ppp.code", kPppProtocolReject},
             {"lcp.rej_proto", 0x8281}});
    ++id;
    const auto bad = control_packet(0x42, 9, {});
    add_gre(b, kPacCallId, seq, ppp_frame(kPppLcp, control_packet(kPppCodeReject, id, bad)),
            {{"description", "LCP Code-Reject"}, {"ppp.protocol", kPppLcp}, {"ppp.code", kPppCodeReject}});
    ++id;
  }

  // Authentication.
  {
    Buffer packet(64);
    packet.resize(must(encode_pap_request(1, {.peer_id = "alice", .password = "wonderland"}, packet)));
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppPap, packet),
            {{"description", "PAP Authenticate-Request"},
             {"ppp.protocol", kPppPap},
             {"pap.code", 1},
             {"pap.identifier", 1},
             {"pap.peer_id", "alice"},
             {"pap.password", "wonderland"}});
    for (std::uint8_t code : {kPapAuthenticateAck, kPapAuthenticateNak}) {
      Buffer reply(32);
      reply.resize(
          must(encode_pap_message(code, 1, code == kPapAuthenticateAck ? "welcome" : "denied", reply)));
      add_gre(b, kPacCallId, seq, ppp_frame(kPppPap, reply),
              {{"description", "PAP " + std::string(ppp_code_name(kPppPap, code))},
               {"ppp.protocol", kPppPap},
               {"pap.code", code},
               {"pap.message", code == kPapAuthenticateAck ? "welcome" : "denied"}});
    }
  }
  {
    std::array<std::uint8_t, kMsChapV2ChallengeSize> challenge{};
    for (std::size_t i = 0; i < challenge.size(); ++i) challenge[i] = static_cast<std::uint8_t>(0xA0 + i);
    Buffer packet(64);
    packet.resize(
        must(encode_chap_challenge_response(kChapChallenge, 2, {.value = challenge, .name = "pac"}, packet)));
    add_gre(b, kPacCallId, seq, ppp_frame(kPppChap, packet),
            {{"description", "CHAP Challenge (MS-CHAPv2)"},
             {"ppp.protocol", kPppChap},
             {"chap.code", kChapChallenge},
             {"chap.identifier", 2},
             {"chap.value_size", 16},
             {"chap.name", "pac"}});

    MsChapV2Response response{};
    response.peer_challenge.fill(0x11);
    response.nt_response.fill(0x22);
    std::array<std::uint8_t, kMsChapResponseSize> value{};
    must(encode_mschapv2_response(response, value));
    Buffer reply(96);
    reply.resize(
        must(encode_chap_challenge_response(kChapResponse, 2, {.value = value, .name = "alice"}, reply)));
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppChap, reply),
            {{"description", "CHAP Response (MS-CHAPv2)"},
             {"ppp.protocol", kPppChap},
             {"chap.code", kChapResponse},
             {"chap.value_size", 49},
             {"chap.name", "alice"}});
    const std::string success = "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=Access granted";
    Buffer ok(96);
    ok.resize(must(encode_chap_message(kChapSuccess, 2, success, ok)));
    add_gre(b, kPacCallId, seq, ppp_frame(kPppChap, ok),
            {{"description", "CHAP Success"},
             {"ppp.protocol", kPppChap},
             {"chap.code", kChapSuccess},
             {"chap.message", success}});
    const std::string failure = "E=691 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=Denied";
    Buffer fail(96);
    fail.resize(must(encode_chap_message(kChapFailure, 3, failure, fail)));
    add_gre(b, kPacCallId, seq, ppp_frame(kPppChap, fail),
            {{"description", "CHAP Failure"},
             {"ppp.protocol", kPppChap},
             {"chap.code", kChapFailure},
             {"chap.message", failure}});
  }

  // Network control protocols and CCP.
  {
    const auto ipcp =
        Options()
            .add([](MutableBytes o) { return encode_u32_option(kIpcpIpAddress, 0xC6120002, o); })
            .add([](MutableBytes o) { return encode_u32_option(kIpcpPrimaryDns, 0xC6120035, o); })
            .add([](MutableBytes o) { return encode_u32_option(kIpcpSecondaryDns, 0xC6120036, o); })
            .add([](MutableBytes o) { return encode_u32_option(kIpcpPrimaryNbns, 0xC6120037, o); });
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppIpcp, control_packet(kPppConfigureNak, 4, ipcp.bytes())),
            {{"description", "IPCP Configure-Nak"},
             {"ppp.protocol", kPppIpcp},
             {"ppp.code", kPppConfigureNak},
             {"ipcp.opt.ip_address", "198.18.0.2"},
             {"ipcp.opt.pri_dns_address", "198.18.0.53"},
             {"ipcp.opt.sec_dns_address", "198.18.0.54"},
             {"ipcp.opt.pri_nbns_address", "198.18.0.55"}});
    const auto ipv6cp = Options().add([](MutableBytes o) {
      return encode_interface_identifier_option({0x02, 0x11, 0x22, 0xFF, 0xFE, 0x33, 0x44, 0x55}, o);
    });
    add_gre(b, kPnsCallId, seq,
            ppp_frame(kPppIpv6cp, control_packet(kPppConfigureRequest, 5, ipv6cp.bytes())),
            {{"description", "IPV6CP Configure-Request"},
             {"ppp.protocol", kPppIpv6cp},
             {"ppp.code", kPppConfigureRequest},
             {"ipv6cp.interface_identifier", "02:11:22:ff:fe:33:44:55"}});
    const auto ccp = Options().add(
        [](MutableBytes o) { return encode_u32_option(kCcpMppe, kMppeStateless | kMppe128Bit, o); });
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppCcp, control_packet(kPppConfigureRequest, 6, ccp.bytes())),
            {{"description", "CCP Configure-Request (MPPE-128 stateless)"},
             {"ppp.protocol", kPppCcp},
             {"ppp.code", kPppConfigureRequest},
             {"ccp.opt.supported_bits.h", 1},
             {"ccp.opt.supported_bits.s", 1},
             {"ccp.opt.supported_bits.l", 0}});
    add_gre(
        b, kPnsCallId, seq, ppp_frame(kPppCcp, control_packet(kPppResetRequest, 7, {})),
        {{"description", "CCP Reset-Request"}, {"ppp.protocol", kPppCcp}, {"ppp.code", kPppResetRequest}});
    const std::uint8_t no_callback[] = {kCbcpNoCallback, 2};
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppCbcp, control_packet(kCbcpCallbackResponse, 8, no_callback)),
            {{"description", "CBCP Callback-Response (no callback)"},
             {"ppp.protocol", kPppCbcp},
             {"ppp.code", kCbcpCallbackResponse}});
  }

  // Data: IPv4 with and without compression of the PPP header, IPv6, MPPE.
  {
    Buffer ip(20 + 8);
    Ipv4Header h{.total_length = 28,
                 .protocol = kExperimentalProtocol,
                 .source_address = 0xC6120002,
                 .destination_address = 0xC6120001};
    must(encode_ipv4_header(h, ip));
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppIpv4, ip),
            {{"description", "IPv4 datagram"}, {"ppp.protocol", kPppIpv4}, {"ip.src", "198.18.0.2"}},
            std::optional<std::uint32_t>(3));
    add_gre(
        b, kPnsCallId, seq, ppp_frame(kPppIpv4, ip, {.acfc = true, .pfc = true}),
        {{"description", "IPv4 datagram, ACFC + PFC"}, {"ppp.protocol", kPppIpv4}, {"ip.dst", "198.18.0.1"}});
    Buffer ip6(40, 0);
    ip6[0] = 0x60;
    ip6[6] = 59;  // no next header
    ip6[7] = 64;
    ip6[8] = 0xFE;
    ip6[9] = 0x80;
    ip6[24] = 0xFE;
    ip6[25] = 0x80;
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppIpv6, ip6, {.acfc = true, .pfc = false}),
            {{"description", "IPv6 datagram, ACFC"}, {"ppp.protocol", kPppIpv6}, {"ipv6.hlim", 64}});
    const std::uint8_t mppe[] = {0x90, 0x05, 0xDE, 0xAD, 0xBE, 0xEF};  // A|D bits, coherency count 5
    add_gre(b, kPnsCallId, seq, ppp_frame(kPppCompressedDatagram, mppe),
            {{"description", "Compressed datagram (MPPE)"}, {"ppp.protocol", kPppCompressedDatagram}});
  }

  // Acknowledgment only: no payload, S clear.
  b.gre_v1(oracle::kPac, {.payload_length = 0, .call_id = kPnsCallId, .sequence = std::nullopt, .ack = 41},
           {}, {{"description", "GRE v1 ack only"}});
}

void add_plain_gre(oracle::CaptureBuilder& b) {
  Buffer ip(20 + 4);
  Ipv4Header h{.total_length = 24,
               .protocol = kExperimentalProtocol,
               .source_address = 0xCB007101,
               .destination_address = 0xCB007102};
  must(encode_ipv4_header(h, ip));
  b.gre_v0(oracle::kPns,
           {.checksum_present = true, .key = 0xABCD0001, .sequence = 9, .protocol_type = 0x0800}, ip,
           {{"gre.checksum.status", 1}, {"ip.src", "203.0.113.1"}});
  b.gre_v0(
      oracle::kPns,
      {.checksum_present = false, .key = std::nullopt, .sequence = std::nullopt, .protocol_type = 0x0800}, ip,
      {{"ip.dst", "203.0.113.2"}});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: oracle_capture OUT.pcap OUT.json\n";
    return 2;
  }
  try {
    oracle::CaptureBuilder builder;
    add_control_messages(builder);
    add_ppp_packets(builder);
    add_plain_gre(builder);

    auto writer = tools::PcapWriter::create(argv[1], DLT_EN10MB);
    if (!writer) throw std::runtime_error(writer.error());
    std::int64_t second = 1764000000;
    for (const auto& frame : builder.frames()) writer->write({.seconds = second++, .nanoseconds = 0}, frame);
    if (!writer->flush()) throw std::runtime_error("cannot write the capture");
    std::ofstream(argv[2]) << builder.manifest().dump(1) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "oracle_capture: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
