#include "wire/ppp_options.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "wire/ppp_protocol.h"

namespace pptpkit::wire {
namespace {

using Octets = std::vector<std::uint8_t>;

Octets octets(Bytes b) { return Octets(b.begin(), b.end()); }

PppOption option_of(const Octets& bytes) {
  auto option = decode_ppp_option(bytes);
  EXPECT_TRUE(option);
  return option ? *option : PppOption{};
}

template <class R>
Octets written(const std::array<std::uint8_t, 64>& out, const R& n) {
  EXPECT_TRUE(n);
  return n ? Octets(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n)) : Octets{};
}

TEST(PppOptions, ReaderWalksConfigureRequestData) {
  const Octets data{0x01, 0x04, 0x05, 0x78, 0x05, 0x06, 0x12, 0x34, 0x56, 0x78, 0x07, 0x02};
  std::vector<PppOption> options;
  for (PppOptionReader r(data); !r.done();) {
    auto option = r.next();
    ASSERT_TRUE(option);
    options.push_back(*option);
  }
  ASSERT_EQ(options.size(), 3u);
  EXPECT_EQ(options[0].type, kLcpMru);
  EXPECT_EQ(options[0].length, 4);
  EXPECT_EQ(*decode_u16_option(options[0]), 1400);
  EXPECT_EQ(*decode_u32_option(options[1]), 0x12345678u);
  EXPECT_TRUE(decode_empty_option(options[2]));
}

TEST(PppOptions, RejectsEachMalformation) {
  EXPECT_EQ(decode_ppp_option(Octets{0x01}).error(), PppError::kTruncated);
  EXPECT_EQ(decode_ppp_option(Octets{0x01, 0x01, 0x05}).error(), PppError::kOptionLengthBelowTwo);
  EXPECT_EQ(decode_ppp_option(Octets{0x01, 0x05, 0x05, 0x78}).error(), PppError::kOptionOverrun);
}

TEST(PppOptions, ReaderStopsAtTheFirstBadOption) {
  const Octets data{0x07, 0x02, 0x01, 0x00, 0x08, 0x02};
  PppOptionReader r(data);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.next().error(), PppError::kOptionLengthBelowTwo);
  EXPECT_TRUE(r.done());
}

TEST(PppOptions, ScalarOptionsCheckTheirLength) {
  EXPECT_EQ(decode_u16_option(option_of({0x01, 0x03, 0x05})).error(), PppError::kBadOptionLength);
  EXPECT_EQ(decode_u32_option(option_of({0x05, 0x04, 0x12, 0x34})).error(), PppError::kBadOptionLength);
  EXPECT_EQ(decode_empty_option(option_of({0x07, 0x03, 0x00})).error(), PppError::kBadOptionLength);
}

TEST(PppOptions, ScalarOptionsEncodeRfcBytes) {
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(written(out, encode_u16_option(kLcpMru, 1400, out)), (Octets{0x01, 0x04, 0x05, 0x78}));
  EXPECT_EQ(written(out, encode_u32_option(kLcpMagicNumber, 0x12345678, out)),
            (Octets{0x05, 0x06, 0x12, 0x34, 0x56, 0x78}));
  // RFC 1877 1.1: Primary-DNS-Address 8.8.4.4.
  EXPECT_EQ(written(out, encode_u32_option(kIpcpPrimaryDns, 0x08080404, out)),
            (Octets{0x81, 0x06, 0x08, 0x08, 0x04, 0x04}));
  EXPECT_EQ(written(out, encode_ppp_option(kLcpAcfc, {}, out)), (Octets{0x08, 0x02}));
  // RFC 3078 2: MPPE stateless, 128-bit.
  EXPECT_EQ(written(out, encode_u32_option(kCcpMppe, kMppeStateless | kMppe128Bit, out)),
            (Octets{0x12, 0x06, 0x01, 0x00, 0x00, 0x40}));
}

TEST(PppOptions, GenericEncoderRefusesOversizeAndSmallBuffer) {
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(encode_ppp_option(1, Octets(254), out).error(), PppError::kFieldTooLong);
  EXPECT_EQ(encode_ppp_option(1, Octets(63), out).error(), PppError::kBufferTooSmall);
}

TEST(PppOptions, AuthenticationProtocol) {
  // RFC 2759 2: CHAP with algorithm 0x81 (MS-CHAPv2).
  const Octets chap{0x03, 0x05, 0xC2, 0x23, 0x81};
  auto auth = decode_authentication_protocol_option(option_of(chap));
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->authentication_protocol, kPppChap);
  EXPECT_EQ(octets(auth->data), Octets{kChapMsChapV2});
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(written(out, encode_authentication_protocol_option(*auth, out)), chap);

  EXPECT_TRUE(decode_authentication_protocol_option(option_of({0x03, 0x04, 0xC0, 0x23})));
  EXPECT_EQ(decode_authentication_protocol_option(option_of({0x03, 0x04, 0xC2, 0x23})).error(),
            PppError::kBadOptionLength);
  EXPECT_EQ(decode_authentication_protocol_option(option_of({0x03, 0x05, 0xC0, 0x23, 0x00})).error(),
            PppError::kBadOptionLength);
  EXPECT_EQ(decode_authentication_protocol_option(option_of({0x03, 0x03, 0xC0})).error(),
            PppError::kBadOptionLength);
}

TEST(PppOptions, IpCompressionProtocol) {
  // RFC 1332 4: Van Jacobson, Max-Slot-Id 15, Comp-Slot-Id 1.
  const Octets vj{0x02, 0x06, 0x00, 0x2D, 0x0F, 0x01};
  auto c = decode_ip_compression_protocol_option(option_of(vj));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->ip_compression_protocol, 0x002D);
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(written(out, encode_ip_compression_protocol_option(*c, out)), vj);
  EXPECT_EQ(decode_ip_compression_protocol_option(option_of({0x02, 0x03, 0x00})).error(),
            PppError::kBadOptionLength);
}

TEST(PppOptions, InterfaceIdentifier) {
  const Octets id{0x01, 0x0A, 0x02, 0x11, 0x22, 0xFF, 0xFE, 0x33, 0x44, 0x55};
  auto i = decode_interface_identifier_option(option_of(id));
  ASSERT_TRUE(i);
  EXPECT_EQ((*i)[0], 0x02);
  EXPECT_EQ((*i)[7], 0x55);
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(written(out, encode_interface_identifier_option(*i, out)), id);
  EXPECT_EQ(decode_interface_identifier_option(option_of({0x01, 0x06, 1, 2, 3, 4})).error(),
            PppError::kBadOptionLength);
}

TEST(PppOptions, CallbackAndEndpointDiscriminator) {
  const Octets callback{0x0D, 0x03, kLcpCallbackCbcp};
  auto cb = decode_callback_option(option_of(callback));
  ASSERT_TRUE(cb);
  EXPECT_EQ(cb->operation, kLcpCallbackCbcp);
  EXPECT_TRUE(cb->message.empty());
  std::array<std::uint8_t, 64> out{};
  EXPECT_EQ(written(out, encode_callback_option(*cb, out)), callback);
  EXPECT_EQ(decode_callback_option(option_of({0x0D, 0x02})).error(), PppError::kBadOptionLength);

  // RFC 1990 5.1.3: class 2, an IPv4 address.
  const Octets endpoint{0x13, 0x07, 0x02, 0x0A, 0x00, 0x00, 0x01};
  auto e = decode_endpoint_discriminator_option(option_of(endpoint));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->discriminator_class, 2);
  EXPECT_EQ(octets(e->address), (Octets{0x0A, 0x00, 0x00, 0x01}));
  EXPECT_EQ(written(out, encode_endpoint_discriminator_option(*e, out)), endpoint);
  EXPECT_EQ(decode_endpoint_discriminator_option(option_of({0x13, 0x02})).error(),
            PppError::kBadOptionLength);
}

}  // namespace
}  // namespace pptpkit::wire
