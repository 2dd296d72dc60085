// Microsoft's Callback Control Protocol (protocol 0xC029, MS-CBCP section
// 2.2), run after authentication when LCP Callback operation 6 was agreed.
// Its packets are control packets (decode_ppp_control_packet) whose Data is a
// list of options in the LCP option format (PppOptionReader); this file adds
// the codes and the Callback Configuration Option's value layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/ppp_error.h"
#include "wire/ppp_options.h"

namespace pptpkit::wire {

// MS-CBCP 2.2.4.
inline constexpr std::uint8_t kCbcpCallbackRequest = 1;
inline constexpr std::uint8_t kCbcpCallbackResponse = 2;
inline constexpr std::uint8_t kCbcpCallbackAck = 3;

// Callback Type, the option's type octet (MS-CBCP 2.2.3).
inline constexpr std::uint8_t kCbcpNoCallback = 1;
inline constexpr std::uint8_t kCbcpUserSpecifiedNumber = 2;
inline constexpr std::uint8_t kCbcpAdminSpecifiedNumber = 3;
inline constexpr std::uint8_t kCbcpListOfNumbers = 4;

// Address Type of a Callback Address (MS-CBCP 2.2.2).
inline constexpr std::uint8_t kCbcpAddressPstn = 1;

// MS-CBCP 2.2.2: Address Type and a NUL-terminated ASCII address.
struct CbcpAddress {
  std::uint8_t address_type = kCbcpAddressPstn;
  std::string_view address;  // without the NUL
};

// MS-CBCP 2.2.3: the option's type is the Callback Type; Callback Delay and
// Callback Address are each present only when the option is long enough.
struct CbcpOption {
  std::uint8_t callback_type = kCbcpNoCallback;
  std::optional<std::uint8_t> callback_delay;
  std::optional<CbcpAddress> callback_address;
};

// Never fails on a well-formed PppOption: every value size has a meaning.
// The address stops at its NUL or at the option's end.
CbcpOption decode_cbcp_option(const PppOption& option);

// Writes the option; an address without a delay gets a delay of 0, since
// the delay octet comes first.
Result<std::size_t, PppError> encode_cbcp_option(const CbcpOption& option, MutableBytes out);

}  // namespace pptpkit::wire
