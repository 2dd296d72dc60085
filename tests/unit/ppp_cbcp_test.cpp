#include "wire/ppp_cbcp.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "wire/ppp_control.h"

namespace pptpkit::wire {
namespace {

using Octets = std::vector<std::uint8_t>;

Octets encoded(const CbcpOption& option) {
  std::array<std::uint8_t, 64> out{};
  auto n = encode_cbcp_option(option, out);
  EXPECT_TRUE(n);
  return n ? Octets(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n)) : Octets{};
}

TEST(PppCbcp, CallbackRequestOffersNoCallback) {
  // MS-CBCP 2.2.4.1: Callback-Request, id 1, one No-Callback option.
  const Octets request{0x01, 0x01, 0x00, 0x06, 0x01, 0x02};
  auto p = decode_ppp_control_packet(request);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->code, kCbcpCallbackRequest);
  PppOptionReader r(p->data);
  auto option = r.next();
  ASSERT_TRUE(option);
  EXPECT_TRUE(r.done());
  const CbcpOption cbcp = decode_cbcp_option(*option);
  EXPECT_EQ(cbcp.callback_type, kCbcpNoCallback);
  EXPECT_FALSE(cbcp.callback_delay);
  EXPECT_FALSE(cbcp.callback_address);
  EXPECT_EQ(encoded(cbcp), (Octets{0x01, 0x02}));
}

TEST(PppCbcp, UserSpecifiedNumberRoundTrips) {
  // MS-CBCP 2.2.3 and 2.2.2: delay 0, PSTN address "5551" NUL-terminated.
  const Octets bytes{0x02, 0x09, 0x00, 0x01, '5', '5', '5', '1', 0x00};
  auto option = decode_ppp_option(bytes);
  ASSERT_TRUE(option);
  const CbcpOption cbcp = decode_cbcp_option(*option);
  EXPECT_EQ(cbcp.callback_type, kCbcpUserSpecifiedNumber);
  EXPECT_EQ(cbcp.callback_delay, 0);
  ASSERT_TRUE(cbcp.callback_address);
  EXPECT_EQ(cbcp.callback_address->address_type, kCbcpAddressPstn);
  EXPECT_EQ(cbcp.callback_address->address, "5551");
  EXPECT_EQ(encoded(cbcp), bytes);
}

TEST(PppCbcp, DelayWithoutAddressAndAddressWithoutDelay) {
  EXPECT_EQ(
      encoded({.callback_type = kCbcpAdminSpecifiedNumber, .callback_delay = 5, .callback_address = {}}),
      (Octets{0x03, 0x03, 0x05}));
  EXPECT_EQ(encoded({.callback_type = kCbcpUserSpecifiedNumber,
                     .callback_delay = {},
                     .callback_address = CbcpAddress{1, "9"}}),
            (Octets{0x02, 0x06, 0x00, 0x01, '9', 0x00}));
}

TEST(PppCbcp, AddressFillingTheOptionRoundTripsWithoutNul) {
  // 2 + delay + address type + 251 octets: the largest option, no room for
  // the NUL. Found by fuzz_ppp_auth: the encoder used to refuse what the
  // decoder accepted.
  Octets bytes{0x02, 0xFF, 0x00, 0x01};
  bytes.resize(0xFF, '7');
  auto option = decode_ppp_option(bytes);
  ASSERT_TRUE(option);
  const CbcpOption cbcp = decode_cbcp_option(*option);
  ASSERT_TRUE(cbcp.callback_address);
  EXPECT_EQ(cbcp.callback_address->address.size(), 251u);
  std::array<std::uint8_t, 300> out{};
  auto n = encode_cbcp_option(cbcp, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(Octets(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*n)), bytes);
}

TEST(PppCbcp, EncoderRefusesOversizeAddress) {
  std::array<std::uint8_t, 300> out{};
  const std::string address(252, '1');
  EXPECT_EQ(encode_cbcp_option(
                {.callback_type = 2, .callback_delay = {}, .callback_address = CbcpAddress{1, address}}, out)
                .error(),
            PppError::kFieldTooLong);
}

}  // namespace
}  // namespace pptpkit::wire
