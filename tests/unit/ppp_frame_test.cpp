#include "wire/ppp_frame.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "wire/ppp_protocol.h"

namespace pptpkit::wire {
namespace {

using Octets = std::vector<std::uint8_t>;

// RFC 1661 5.1: an LCP Configure-Request, identifier 1, with MRU 1400 and
// Magic-Number 0x12345678; framed with Address 0xFF, Control 0x03 (RFC 1662
// 3.1) and Protocol 0xC021.
const Octets kLcpRequest{0x01, 0x01, 0x00, 0x0E, 0x01, 0x04, 0x05, 0x78, 0x05, 0x06, 0x12, 0x34, 0x56, 0x78};

Octets framed(Octets header, const Octets& information) {
  header.insert(header.end(), information.begin(), information.end());
  return header;
}

Octets encoded(std::uint16_t protocol, const Octets& information, PppFrameOptions options) {
  std::array<std::uint8_t, 64> out{};
  auto n = encode_ppp_frame(protocol, information, options, out);
  EXPECT_TRUE(n);
  EXPECT_EQ(*n, ppp_header_size(protocol, options) + information.size());
  return Octets(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n));
}

TEST(PppFrame, DecodesUncompressedLcpFrame) {
  const Octets frame = framed({0xFF, 0x03, 0xC0, 0x21}, kLcpRequest);
  auto f = decode_ppp_frame(frame);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->protocol, kPppLcp);
  EXPECT_FALSE(f->acfc_used);
  EXPECT_FALSE(f->pfc_used);
  EXPECT_EQ(Octets(f->information.begin(), f->information.end()), kLcpRequest);
}

TEST(PppFrame, EncodesLcpUncompressedWhateverWasNegotiated) {
  // RFC 1661 6.5 and 6.6: LCP packets never use PFC or ACFC.
  const Octets expected = framed({0xFF, 0x03, 0xC0, 0x21}, kLcpRequest);
  EXPECT_EQ(encoded(kPppLcp, kLcpRequest, {}), expected);
  EXPECT_EQ(encoded(kPppLcp, kLcpRequest, {.acfc = true, .pfc = true}), expected);
}

TEST(PppFrame, EncodesAndDecodesEachCompressedForm) {
  const Octets ip{0x45, 0x00};
  struct Case {
    PppFrameOptions options;
    Octets header;
  };
  const Case cases[] = {{{.acfc = false, .pfc = false}, {0xFF, 0x03, 0x00, 0x21}},
                        {{.acfc = false, .pfc = true}, {0xFF, 0x03, 0x21}},
                        {{.acfc = true, .pfc = false}, {0x00, 0x21}},
                        {{.acfc = true, .pfc = true}, {0x21}}};
  for (const Case& c : cases) {
    const Octets frame = framed(c.header, ip);
    EXPECT_EQ(encoded(kPppIpv4, ip, c.options), frame);
    auto f = decode_ppp_frame(frame);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->protocol, kPppIpv4);
    EXPECT_EQ(f->acfc_used, c.options.acfc);
    EXPECT_EQ(f->pfc_used, c.options.pfc);
    EXPECT_EQ(Octets(f->information.begin(), f->information.end()), ip);
  }
}

TEST(PppFrame, PfcOnlyAppliesBelow0x100) {
  EXPECT_EQ(encoded(kPppCcp, {}, {.acfc = true, .pfc = true}), (Octets{0x80, 0xFD}));
  EXPECT_EQ(encoded(kPppCompressedDatagram, {}, {.acfc = true, .pfc = true}), (Octets{0xFD}));
}

TEST(PppFrame, HeaderAloneGoesIntoHeadroom) {
  std::array<std::uint8_t, kPppMaxHeaderSize> headroom{};
  auto n = encode_ppp_header(kPppCompressedDatagram, {.acfc = false, .pfc = true}, headroom);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 3u);
  EXPECT_EQ(headroom[0], 0xFF);
  EXPECT_EQ(headroom[1], 0x03);
  EXPECT_EQ(headroom[2], 0xFD);
}

TEST(PppFrame, DecodesEmptyInformation) {
  const Octets frame{0xC0, 0x21};
  auto f = decode_ppp_frame(frame);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->acfc_used);
  EXPECT_TRUE(f->information.empty());
}

TEST(PppFrame, RejectsEachMalformation) {
  EXPECT_EQ(decode_ppp_frame(Octets{}).error(), PppError::kTruncated);
  EXPECT_EQ(decode_ppp_frame(Octets{0xFF}).error(), PppError::kTruncated);
  EXPECT_EQ(decode_ppp_frame(Octets{0xFF, 0x03}).error(), PppError::kTruncated);
  EXPECT_EQ(decode_ppp_frame(Octets{0xFF, 0x03, 0xC0}).error(), PppError::kTruncated);
  EXPECT_EQ(decode_ppp_frame(Octets{0xFF, 0x13, 0xC0, 0x21}).error(), PppError::kBadControlField);
  // RFC 1661 2: the low octet of a Protocol is odd.
  EXPECT_EQ(decode_ppp_frame(Octets{0xC0, 0x20, 0x01}).error(), PppError::kBadProtocol);
}

TEST(PppFrame, EncoderRefusesBadProtocolAndSmallBuffer) {
  std::array<std::uint8_t, 8> out{};
  EXPECT_EQ(encode_ppp_header(0xC020, {}, out).error(), PppError::kBadProtocol);
  EXPECT_EQ(encode_ppp_header(0x0121, {}, out).error(), PppError::kBadProtocol);
  std::array<std::uint8_t, 3> small{};
  EXPECT_EQ(encode_ppp_header(kPppLcp, {}, small).error(), PppError::kBufferTooSmall);
  EXPECT_EQ(encode_ppp_frame(kPppIpv4, Octets(5), {}, out).error(), PppError::kBufferTooSmall);
}

}  // namespace
}  // namespace pptpkit::wire
