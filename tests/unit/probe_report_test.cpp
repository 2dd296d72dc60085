// The probe's diagnoses, text and JSON, without a network.
#include "tools/probe_report.h"

#include <gtest/gtest.h>

namespace pptpkit::tools {
namespace {

using namespace std::chrono_literals;
using R = pptp::TunnelDownReason;

TEST(ProbeReport, EachEarlyEndHasItsOwnDiagnosisAndExitCode) {
  EXPECT_EQ(diagnose_start(R::kStartTimeout, "", 5s),
            std::pair(ProbeFailure::kNoAnswer,
                      std::string("TCP connected, but no Start-Control-Connection-Reply within 5 s")));
  EXPECT_EQ(diagnose_start(R::kProtocolError, "unframable stream: bad magic cookie", 5s),
            std::pair(ProbeFailure::kNotPptp,
                      std::string(
                          "the answer is not a PPTP control message (unframable stream: bad magic cookie)")));
  EXPECT_EQ(diagnose_start(R::kPeerClosed, "", 5s).first, ProbeFailure::kNotPptp);
  EXPECT_EQ(diagnose_start(R::kRefused, "peer refused the connection: General-Error (2)", 5s),
            std::pair(ProbeFailure::kRefused,
                      std::string("the server refused the control connection (peer refused the connection: "
                                  "General-Error (2))")));
  EXPECT_EQ(diagnose_start(R::kVersionMismatch, "", 5s).first, ProbeFailure::kRefused);
}

ProbeReport connected_report() {
  return ProbeReport{.server = "192.0.2.1:1723",
                     .peer = pptp::PeerInfo{.protocol_version = 0x0100,
                                            .framing_capabilities = 3,
                                            .bearer_capabilities = 1,
                                            .maximum_channels = 64,
                                            .firmware_revision = 0x0102,
                                            .host_name = "gw",
                                            .vendor_string = "acme"},
                     .call = ProbeCall{.connected = true,
                                       .result_code = 1,
                                       .call_id = 10,
                                       .peer_call_id = 20,
                                       .peer_receive_window = 64,
                                       .connect_speed = 1000}};
}

TEST(ProbeReport, TextNamesEveryField) {
  const std::string text = to_text(connected_report());
  for (const char* expected : {"server            192.0.2.1:1723", "protocol version  1.0 (0x0100)",
                               "framing           0x3 (async, sync)", "bearer            0x1 (analog)",
                               "maximum channels  64", "firmware revision 0x0102", "host name         \"gw\"",
                               "vendor            \"acme\"", "call id 10, peer call id 20, peer window 64"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(ProbeReport, JsonCarriesTheSameAndTheError) {
  ProbeReport report = connected_report();
  nlohmann::json json = to_json(report);
  EXPECT_EQ(json["ok"], true);
  EXPECT_EQ(json["peer"]["host_name"], "gw");
  EXPECT_EQ(json["peer"]["maximum_channels"], 64);
  EXPECT_EQ(json["call"]["peer_call_id"], 20);
  EXPECT_FALSE(json.contains("error"));
  EXPECT_EQ(exit_code(report), 0);

  const ProbeReport failed{.server = "192.0.2.1:1723",
                           .failure = ProbeFailure::kUnreachable,
                           .diagnosis = "cannot connect: Connection refused"};
  json = to_json(failed);
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["error"], "cannot connect: Connection refused");
  EXPECT_FALSE(json.contains("peer"));
  EXPECT_EQ(exit_code(failed), 2);
}

}  // namespace
}  // namespace pptpkit::tools
