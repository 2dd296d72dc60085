// Writes a capture of pptpkit's own PPP links for `decode --secrets`: one
// PPTP control connection, then one call per scenario, in which an
// authenticator Link (the PAC) and a peer Link (the PNS) negotiate LCP,
// authentication, CCP and IPCP in memory and exchange known IPv4 packets.
// Every frame is wrapped in GRE v1, IPv4 and Ethernet. The manifest names
// each session's credentials and the inner packets decode must recover.
//
//   session_capture OUT.pcap MANIFEST.json
#include <pcap/pcap.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "capture_builder.h"
#include "crypto/library.h"
#include "ppp_link_pair.h"
#include "tools/decoded.h"
#include "tools/pcap_file.h"
#include "wire/ipv4.h"

namespace pptpkit {
namespace {

using oracle::kPac;
using oracle::kPns;

constexpr std::uint32_t kServerTunnel = 0xC6120001;  // what test::FixedAddresses assigns
constexpr std::uint32_t kClientTunnel = 0xC6120002;
constexpr std::uint8_t kIpProtocolUdp = 17;

struct Scenario {
  std::string name;
  ppp::AuthMethod method;
  ppp::MppePolicy mppe;
  bool stateful = false;
  std::string user;
  std::string password;
  int packets_each_way = 3;
};

// An IPv4/UDP datagram (UDP checksum 0: none, RFC 768) whose payload names
// the session and the packet, so each one is recognisable after decryption.
std::vector<std::uint8_t> udp_packet(std::uint32_t source, std::uint32_t destination,
                                     const std::string& text) {
  std::vector<std::uint8_t> packet(wire::kIpv4HeaderSize + 8 + text.size());
  wire::Ipv4Header ip;
  ip.total_length = static_cast<std::uint16_t>(packet.size());
  ip.protocol = kIpProtocolUdp;
  ip.source_address = source;
  ip.destination_address = destination;
  if (!wire::encode_ipv4_header(ip, packet)) throw std::runtime_error("inner ipv4 header");
  ByteWriter udp(MutableBytes(packet).subspan(wire::kIpv4HeaderSize));
  udp.u16(40000);
  udp.u16(9);  // discard
  udp.u16(static_cast<std::uint16_t>(8 + text.size()));
  udp.u16(0);
  udp.bytes(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  if (!udp.ok()) throw std::runtime_error("inner udp");
  return packet;
}

class SessionCapture {
 public:
  void start() {
    builder_.control(
        kPns,
        wire::StartControlConnectionRequest{.framing_capabilities = wire::kFramingCapabilitySync,
                                            .bearer_capabilities = wire::kBearerCapabilityDigital,
                                            .maximum_channels = 0,
                                            .firmware_revision = 1,
                                            .host_name = "pns",
                                            .vendor_string = "pptpkit"},
        {});
    builder_.control(kPac,
                     wire::StartControlConnectionReply{.result_code = wire::StartResult::kSuccess,
                                                       .error_code = wire::GeneralError::kNone,
                                                       .framing_capabilities = wire::kFramingCapabilitySync,
                                                       .bearer_capabilities = wire::kBearerCapabilityDigital,
                                                       .maximum_channels = 16,
                                                       .firmware_revision = 1,
                                                       .host_name = "pac",
                                                       .vendor_string = "pptpkit"},
                     {});
  }

  nlohmann::json run(const Scenario& s, std::uint16_t pns_call_id, std::uint16_t pac_call_id) {
    builder_.control(kPns,
                     wire::OutgoingCallRequest{.call_id = pns_call_id,
                                               .call_serial_number = pns_call_id,
                                               .minimum_bps = 300,
                                               .maximum_bps = 100000000,
                                               .bearer_type = wire::BearerType::kAny,
                                               .framing_type = wire::FramingType::kAny,
                                               .packet_recv_window_size = 64,
                                               .packet_processing_delay = 0,
                                               .phone_number_length = 0,
                                               .phone_number = "",
                                               .subaddress = ""},
                     {});
    builder_.control(kPac,
                     wire::OutgoingCallReply{.call_id = pac_call_id,
                                             .peer_call_id = pns_call_id,
                                             .result_code = wire::OutgoingCallResult::kConnected,
                                             .error_code = {},
                                             .cause_code = 0,
                                             .connect_speed = 100000000,
                                             .packet_recv_window_size = 64,
                                             .packet_processing_delay = 0,
                                             .physical_channel_id = 0},
                     {});
    // SeededRandom ignores the lowest bit: an odd seed keeps the two ends'
    // magic numbers apart.
    test::LinkPair pair(config(s, ppp::Role::kAuthenticator), config(s, ppp::Role::kPeer),
                        2 * std::uint64_t{pns_call_id} + 1);
    pair.secrets = *ppp::parse_chap_secrets("\"" + s.user + "\" * \"" + s.password + "\" *\n");
    // The PAC authenticates; GRE's Key is the receiver's Call ID.
    pair.tap = [&](bool from_server, const std::vector<std::uint8_t>& frame) {
      gre(from_server ? kPac : kPns, from_server ? pns_call_id : pac_call_id, frame);
    };
    pair.run();
    if (!pair.up(pair.server_events) || !pair.up(pair.client_events)) {
      throw std::runtime_error(s.name + ": the links did not come up");
    }
    nlohmann::json packets = nlohmann::json::array();
    for (int i = 0; i < s.packets_each_way; ++i) {
      send(pair, pair.client, kClientTunnel, kServerTunnel, s.name + " pns->pac " + std::to_string(i),
           pac_call_id, kPns, packets);
      send(pair, pair.server, kServerTunnel, kClientTunnel, s.name + " pac->pns " + std::to_string(i),
           pns_call_id, kPac, packets);
    }
    return {{"name", s.name},
            {"auth", ppp::to_string(s.method)},
            {"user", s.user},
            {"pns_call_id", pns_call_id},
            {"pac_call_id", pac_call_id},
            {"mppe",
             s.mppe == ppp::MppePolicy::kRefused
                 ? nlohmann::json(nullptr)
                 : nlohmann::json{{"strength", "128-bit"}, {"mode", s.stateful ? "stateful" : "stateless"}}},
            {"packets", std::move(packets)}};
  }

  const oracle::CaptureBuilder& builder() const { return builder_; }

 private:
  static ppp::LinkConfig config(const Scenario& s, ppp::Role role) {
    ppp::LinkConfig c;
    c.role = role;
    c.lcp.auth_methods = {s.method};
    c.ccp.policy = s.mppe;
    c.ccp.allow_stateful = s.stateful;
    if (role == ppp::Role::kPeer) {
      c.user = s.user;
      c.password = s.password;
    }
    return c;
  }

  void gre(std::uint32_t sender, std::uint16_t call_id, Bytes frame) {
    std::uint32_t& sequence = sender == kPns ? pns_sequence_ : pac_sequence_;
    const wire::GreV1Header header{.payload_length = static_cast<std::uint16_t>(frame.size()),
                                   .call_id = call_id,
                                   .sequence = sequence++,
                                   .ack = std::nullopt};
    builder_.gre_v1(sender, header, frame, {});
  }

  // Sends one inner packet through `from`, records the GRE frame and checks
  // that the other link delivers it.
  void send(test::LinkPair& pair, ppp::Link& from, std::uint32_t source, std::uint32_t destination,
            const std::string& text, std::uint16_t call_id, std::uint32_t sender, nlohmann::json& packets) {
    const auto packet = udp_packet(source, destination, text);
    std::array<std::uint8_t, 2048> buffer{};
    std::copy(packet.begin(), packet.end(), buffer.begin() + ppp::kLinkHeadroom);
    const auto frame = from.send_ip(pair.now, buffer, ppp::kLinkHeadroom, packet.size());
    if (!frame) throw std::runtime_error(text + ": send_ip refused");
    gre(sender, call_id, *frame);
    ppp::Link& to = &from == &pair.client ? pair.server : pair.client;
    to.on_frame(pair.now, *frame);
    const auto received = to.poll_ip();
    if (!received || !std::ranges::equal(received->packet, packet)) {
      throw std::runtime_error(text + ": not delivered");
    }
    pair.pump();
    packets.push_back({{"src", tools::ipv4_to_string(source)},
                       {"dst", tools::ipv4_to_string(destination)},
                       {"payload", text}});
  }

  oracle::CaptureBuilder builder_;
  std::uint32_t pns_sequence_ = 0;
  std::uint32_t pac_sequence_ = 0;
};

}  // namespace
}  // namespace pptpkit

int main(int argc, char** argv) {
  using namespace pptpkit;
  if (argc != 3) {
    std::cerr << "usage: session_capture OUT.pcap MANIFEST.json\n";
    return 2;
  }
  if (!crypto::initialize()) {
    std::cerr << "session_capture: crypto: " << crypto::initialize_detail() << '\n';
    return 1;
  }
  // Stateful MPPE changes its key at every count ending in 0xFF: 300
  // packets cross that point.
  const std::vector<Scenario> scenarios{
      {"mschapv2-stateless", ppp::AuthMethod::kMsChapV2, ppp::MppePolicy::kRequired, false, "alice",
       "wonderland"},
      {"mschapv2-stateful", ppp::AuthMethod::kMsChapV2, ppp::MppePolicy::kRequired, true, "carol",
       "stateful pass", 300},
      {"mschapv1", ppp::AuthMethod::kMsChapV1, ppp::MppePolicy::kRequired, false, "dave", "v1secret"},
      {"chap-md5", ppp::AuthMethod::kChapMd5, ppp::MppePolicy::kRefused, false, "erin", "md5secret"},
      {"pap", ppp::AuthMethod::kPap, ppp::MppePolicy::kRefused, false, "frank", "papsecret"},
  };
  try {
    SessionCapture capture;
    capture.start();
    nlohmann::json sessions = nlohmann::json::array();
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const auto n = static_cast<std::uint16_t>(i);
      sessions.push_back(capture.run(scenarios[i], 0x100 + n, 0x200 + n));
    }
    auto writer = tools::PcapWriter::create(argv[1], DLT_EN10MB);
    if (!writer) throw std::runtime_error(writer.error());
    std::int64_t second = 1'700'000'000;
    for (const auto& frame : capture.builder().frames())
      writer->write({.seconds = second++, .nanoseconds = 0}, frame);
    if (!writer->flush()) throw std::runtime_error("pcap write failed");
    std::ofstream(argv[2]) << nlohmann::json{{"sessions", std::move(sessions)}}.dump(2) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "session_capture: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
