// The text MS-CHAP puts in CHAP Success and Failure messages: RFC 2759
// sections 5 and 6 ("S=<auth_string> M=<message>", "E=eeeeeeeeee R=r
// C=cccccccccccccccccccccccccccccccc V=vvvvvvvvvv M=<msg>") and RFC 2433
// section 2.2 (the same E=, R=, C=, V= fields for version 1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pptpkit::ppp {

// RFC 2433 2.2 / RFC 2759 6 error codes (Windows' RAS error numbers).
inline constexpr std::uint32_t kMsChapRestrictedLogonHours = 646;
inline constexpr std::uint32_t kMsChapAccountDisabled = 647;
inline constexpr std::uint32_t kMsChapPasswordExpired = 648;
inline constexpr std::uint32_t kMsChapNoDialinPermission = 649;
inline constexpr std::uint32_t kMsChapAuthenticationFailure = 691;

struct MsChapFailure {
  std::uint32_t error = kMsChapAuthenticationFailure;  // E=
  bool retry = false;                                  // R=1: the peer may try again
  std::vector<std::uint8_t> challenge;                 // C=: the challenge for a retry (may be empty)
  std::optional<std::uint32_t> version;                // V=: 3 for MS-CHAPv2
  std::string message;                                 // M=: free text, the rest of the packet
};

std::string format_mschap_failure(const MsChapFailure& failure);

// Parses a Failure message; nullopt without a decimal E= field. Unknown
// fields are skipped; M= takes everything after it.
std::optional<MsChapFailure> parse_mschap_failure(std::string_view text);

// RFC 2759 5: "S=" and 40 hex digits, then " M=<message>".
std::string format_mschap_v2_success(std::string_view authenticator_response, std::string_view message);

struct MsChapV2Success {
  std::string_view authenticator_response;  // the 42 characters "S=..."
  std::string_view message;
};

// nullopt when the text does not start with "S=" and 40 characters.
std::optional<MsChapV2Success> parse_mschap_v2_success(std::string_view text);

}  // namespace pptpkit::ppp
