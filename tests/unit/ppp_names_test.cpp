#include "wire/ppp_names.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wire/ppp_control.h"
#include "wire/ppp_frame.h"
#include "wire/ppp_option_format.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::wire {
namespace {

using Octets = std::vector<std::uint8_t>;

TEST(PppNames, Protocols) {
  EXPECT_EQ(ppp_protocol_name(kPppLcp), "LCP");
  EXPECT_EQ(ppp_protocol_name(kPppPap), "PAP");
  EXPECT_EQ(ppp_protocol_name(kPppChap), "CHAP");
  EXPECT_EQ(ppp_protocol_name(kPppIpcp), "IPCP");
  EXPECT_EQ(ppp_protocol_name(kPppIpv6cp), "IPV6CP");
  EXPECT_EQ(ppp_protocol_name(kPppCcp), "CCP");
  EXPECT_EQ(ppp_protocol_name(kPppCbcp), "CBCP");
  EXPECT_EQ(ppp_protocol_name(kPppIpv4), "IPv4");
  EXPECT_EQ(ppp_protocol_name(kPppIpv6), "IPv6");
  EXPECT_EQ(ppp_protocol_name(kPppCompressedDatagram), "Compressed datagram");
  EXPECT_EQ(ppp_protocol_name(0xC227), "unknown");
}

TEST(PppNames, CodesDependOnTheProtocol) {
  EXPECT_EQ(ppp_code_name(kPppLcp, kPppConfigureRequest), "Configure-Request");
  EXPECT_EQ(ppp_code_name(kPppLcp, kPppDiscardRequest), "Discard-Request");
  EXPECT_EQ(ppp_code_name(kPppLcp, kPppTimeRemaining), "Time-Remaining");
  EXPECT_EQ(ppp_code_name(kPppLcp, kPppResetRequest), "unknown");
  EXPECT_EQ(ppp_code_name(kPppIpcp, kPppCodeReject), "Code-Reject");
  EXPECT_EQ(ppp_code_name(kPppIpv6cp, kPppProtocolReject), "unknown");
  EXPECT_EQ(ppp_code_name(kPppCcp, kPppResetAck), "Reset-Ack");
  EXPECT_EQ(ppp_code_name(kPppCcp, kPppEchoRequest), "unknown");
  EXPECT_EQ(ppp_code_name(kPppPap, 1), "Authenticate-Request");
  EXPECT_EQ(ppp_code_name(kPppChap, 4), "Failure");
  EXPECT_EQ(ppp_code_name(kPppChap, 5), "unknown");
  EXPECT_EQ(ppp_code_name(kPppCbcp, 3), "Callback-Ack");
  EXPECT_EQ(ppp_code_name(kPppLcp, 0), "unknown");
  EXPECT_EQ(ppp_code_name(kPppIpv4, 1), "unknown");
}

std::string fmt(std::uint16_t protocol, std::uint8_t type, const Octets& value) {
  return format_option(protocol, type, value);
}

TEST(PppOptionFormat, LcpOptions) {
  EXPECT_EQ(fmt(kPppLcp, kLcpMru, {0x05, 0x78}), "<mru 1400>");
  EXPECT_EQ(fmt(kPppLcp, kLcpMagicNumber, {0x12, 0x34, 0x56, 0x78}), "<magic 0x12345678>");
  EXPECT_EQ(fmt(kPppLcp, kLcpAccm, {0, 0, 0, 0}), "<asyncmap 0x0>");
  EXPECT_EQ(fmt(kPppLcp, kLcpAuthenticationProtocol, {0xC2, 0x23, 0x81}), "<auth chap MS-v2>");
  EXPECT_EQ(fmt(kPppLcp, kLcpAuthenticationProtocol, {0xC2, 0x23, 0x80}), "<auth chap MS>");
  EXPECT_EQ(fmt(kPppLcp, kLcpAuthenticationProtocol, {0xC2, 0x23, 0x05}), "<auth chap MD5>");
  EXPECT_EQ(fmt(kPppLcp, kLcpAuthenticationProtocol, {0xC0, 0x23}), "<auth pap>");
  EXPECT_EQ(fmt(kPppLcp, kLcpAuthenticationProtocol, {0xC2, 0x27}), "<auth 0xc227>");
  EXPECT_EQ(fmt(kPppLcp, kLcpPfc, {}), "<pcomp>");
  EXPECT_EQ(fmt(kPppLcp, kLcpAcfc, {}), "<accomp>");
  EXPECT_EQ(fmt(kPppLcp, kLcpCallback, {0x06}), "<callback CBCP>");
  EXPECT_EQ(fmt(kPppLcp, kLcpMrru, {0x06, 0x4E}), "<mrru 1614>");
  EXPECT_EQ(fmt(kPppLcp, kLcpEndpointDiscriminator, {0x01, 0xAB, 0xCD}), "<endpoint class 1 abcd>");
}

TEST(PppOptionFormat, NcpAndCcpOptions) {
  EXPECT_EQ(fmt(kPppIpcp, kIpcpIpAddress, {10, 0, 0, 1}), "<addr 10.0.0.1>");
  EXPECT_EQ(fmt(kPppIpcp, kIpcpPrimaryDns, {8, 8, 8, 8}), "<ms-dns1 8.8.8.8>");
  EXPECT_EQ(fmt(kPppIpcp, kIpcpSecondaryNbns, {192, 168, 0, 2}), "<ms-wins2 192.168.0.2>");
  EXPECT_EQ(fmt(kPppIpcp, kIpcpIpCompressionProtocol, {0x00, 0x2D, 0x0F, 0x01}), "<compress VJ 0f01>");
  EXPECT_EQ(fmt(kPppIpv6cp, kIpv6cpInterfaceIdentifier, {0x02, 0x11, 0x22, 0xFF, 0xFE, 0x33, 0x00, 0x55}),
            "<addr fe80::211:22ff:fe33:55>");
  EXPECT_EQ(fmt(kPppCcp, kCcpMppe, {0x01, 0x00, 0x00, 0x40}), "<mppe +H -M +S -L -D -C>");
  EXPECT_EQ(fmt(kPppCcp, kCcpMppe, {0x00, 0x00, 0x00, 0xE1}), "<mppe -H +M +S +L -D +C>");
  EXPECT_EQ(fmt(kPppCcp, kCcpMppe, {0x00, 0x00, 0x01, 0x00}), "<mppe -H -M -S -L -D -C 0x100>");
}

TEST(PppOptionFormat, CbcpOptions) {
  EXPECT_EQ(fmt(kPppCbcp, 1, {}), "<no-callback>");
  EXPECT_EQ(fmt(kPppCbcp, 3, {0x05}), "<admin-number delay 5>");
  EXPECT_EQ(fmt(kPppCbcp, 2, {0x00, 0x01, '5', '5', 0x07, 0x00}), "<user-number delay 0 address 1:55.>");
}

TEST(PppOptionFormat, MalformedAndUnknownShowTheirBytes) {
  EXPECT_EQ(fmt(kPppLcp, kLcpMru, {0x05}), "<mru invalid 05>");
  EXPECT_EQ(fmt(kPppLcp, kLcpPfc, {0x00}), "<pcomp invalid 00>");
  EXPECT_EQ(fmt(kPppLcp, 42, {0x0A, 0x0B}), "<option 42 0a0b>");
  EXPECT_EQ(fmt(kPppIpcp, kLcpMru, {}), "<option 1>");
  EXPECT_EQ(fmt(kPppPap, 1, {}), "<option 1>");
}

// MS-CBCP 4.1: a Windows LCP Configure-Request, printed option by option.
TEST(PppOptionFormat, WindowsConfigureRequest) {
  const Octets frame{0xC0, 0x21, 0x01, 0x00, 0x00, 0x17, 0x02, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x05,
                     0x06, 0x11, 0x33, 0x51, 0x5B, 0x07, 0x02, 0x08, 0x02, 0x0D, 0x03, 0x06};
  auto f = decode_ppp_frame(frame);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->acfc_used);
  auto p = decode_ppp_control_packet(f->information);
  ASSERT_TRUE(p);
  EXPECT_EQ(ppp_code_name(f->protocol, p->code), "Configure-Request");
  std::string text;
  for (PppOptionReader r(p->data); !r.done();) {
    auto option = r.next();
    ASSERT_TRUE(option);
    text += format_option(f->protocol, option->type, option->value) + " ";
  }
  EXPECT_EQ(text, "<asyncmap 0xffffffff> <magic 0x1133515b> <pcomp> <accomp> <callback CBCP> ");
}

}  // namespace
}  // namespace pptpkit::wire
