#include "wire/gre_dispatch.h"

#include <gtest/gtest.h>

#include <vector>

namespace pptpkit::wire {
namespace {

// Enhanced GRE (RFC 2637 4.1): K and S, version 1, 0x880B, Payload Length 1,
// Call ID 5, Sequence Number 1, one payload octet.
const std::vector<std::uint8_t> kPptp{0x30, 0x01, 0x88, 0x0B, 0x00, 0x01, 0x00,
                                      0x05, 0x00, 0x00, 0x00, 0x01, 0xFF};
// Plain GRE (RFC 2784 2.1): no options, IPv4 payload.
const std::vector<std::uint8_t> kPlain{0x00, 0x00, 0x08, 0x00, 0x45};

TEST(GreDispatch, GivesVersion1ToPptp) {
  auto d = dispatch_gre(kPptp);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->handler(), GreHandler::kPptp);
  const auto& p = std::get<GreV1Packet>(d->packet);
  EXPECT_EQ(p.header, decode_gre_v1(kPptp)->header);
  EXPECT_EQ(p.payload.size(), 1u);
}

TEST(GreDispatch, GivesVersion0ToPlainGre) {
  auto d = dispatch_gre(kPlain);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->handler(), GreHandler::kPlainGre);
  const auto& p = std::get<GreV0Packet>(d->packet);
  EXPECT_EQ(p.header.protocol_type, 0x0800);
  EXPECT_EQ(p.payload.size(), 1u);
}

TEST(GreDispatch, DropsWhatCannotHoldAVersion) {
  auto d = dispatch_gre(std::vector<std::uint8_t>{0x30, 0x01, 0x88});
  EXPECT_EQ(d.error().reason, GreDropReason::kTruncated);
  EXPECT_EQ(d.error().error, GreError::kTruncated);
}

TEST(GreDispatch, DropsVersions2To7) {
  for (std::uint8_t version = 2; version <= 7; ++version) {
    auto d = dispatch_gre(std::vector<std::uint8_t>{0x30, version, 0x88, 0x0B, 0, 0, 0, 0, 0, 0, 0, 0});
    EXPECT_EQ(d.error().reason, GreDropReason::kUnknownVersion) << int{version};
    EXPECT_EQ(d.error().error, GreError::kUnsupportedVersion);
  }
}

TEST(GreDispatch, DropsABadHeaderWithTheVersionsReason) {
  auto bad_pptp = kPptp;
  bad_pptp[3] = 0x0C;
  auto d = dispatch_gre(bad_pptp);
  EXPECT_EQ(d.error().reason, GreDropReason::kBadPptpHeader);
  EXPECT_EQ(d.error().error, GreError::kBadProtocolType);

  d = dispatch_gre(Bytes(kPptp).first(6));
  EXPECT_EQ(d.error().reason, GreDropReason::kBadPptpHeader);
  EXPECT_EQ(d.error().error, GreError::kTruncated);

  auto bad_plain = kPlain;
  bad_plain[0] = 0x40;  // R
  d = dispatch_gre(bad_plain);
  EXPECT_EQ(d.error().reason, GreDropReason::kBadPlainGreHeader);
  EXPECT_EQ(d.error().error, GreError::kReservedNotZero);
}

TEST(GreDispatch, NamesEveryReason) {
  for (auto r : {GreDropReason::kTruncated, GreDropReason::kUnknownVersion, GreDropReason::kBadPlainGreHeader,
                 GreDropReason::kBadPptpHeader}) {
    EXPECT_NE(to_string(r), "unknown drop reason");
  }
}

}  // namespace
}  // namespace pptpkit::wire
