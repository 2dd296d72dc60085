#include "ppp/auth.h"

#include <array>

#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {
namespace {

// The CHAP Algorithm octets as option data (RFC 1994 3).
constexpr std::array<std::uint8_t, 1> kMd5Data{wire::kChapMd5};
constexpr std::array<std::uint8_t, 1> kMsChapV1Data{wire::kChapMsChapV1};
constexpr std::array<std::uint8_t, 1> kMsChapV2Data{wire::kChapMsChapV2};

}  // namespace

std::string_view to_string(AuthMethod m) {
  switch (m) {
    case AuthMethod::kPap:
      return "PAP";
    case AuthMethod::kChapMd5:
      return "CHAP-MD5";
    case AuthMethod::kMsChapV1:
      return "MS-CHAPv1";
    case AuthMethod::kMsChapV2:
      return "MS-CHAPv2";
  }
  return "unknown method";
}

std::uint16_t auth_protocol(AuthMethod m) { return m == AuthMethod::kPap ? wire::kPppPap : wire::kPppChap; }

wire::AuthenticationProtocolOption auth_option(AuthMethod m) {
  switch (m) {
    case AuthMethod::kPap:
      return {wire::kPppPap, {}};
    case AuthMethod::kChapMd5:
      return {wire::kPppChap, kMd5Data};
    case AuthMethod::kMsChapV1:
      return {wire::kPppChap, kMsChapV1Data};
    case AuthMethod::kMsChapV2:
      return {wire::kPppChap, kMsChapV2Data};
  }
  return {};
}

std::optional<AuthMethod> auth_method(const wire::AuthenticationProtocolOption& option) {
  if (option.authentication_protocol == wire::kPppPap && option.data.empty()) return AuthMethod::kPap;
  if (option.authentication_protocol != wire::kPppChap || option.data.size() != 1) return std::nullopt;
  switch (option.data[0]) {
    case wire::kChapMd5:
      return AuthMethod::kChapMd5;
    case wire::kChapMsChapV1:
      return AuthMethod::kMsChapV1;
    case wire::kChapMsChapV2:
      return AuthMethod::kMsChapV2;
    default:
      return std::nullopt;
  }
}

std::string_view to_string(AuthFailure f) {
  switch (f) {
    case AuthFailure::kNone:
      return "none";
    case AuthFailure::kTimeout:
      return "no answer";
    case AuthFailure::kUnknownUser:
      return "unknown user";
    case AuthFailure::kWrongPassword:
      return "wrong password";
    case AuthFailure::kUnsupportedResponse:
      return "LAN Manager response not accepted";
    case AuthFailure::kRejected:
      return "rejected by the authenticator";
    case AuthFailure::kRestrictedLogonHours:
      return "restricted logon hours (E=646)";
    case AuthFailure::kAccountDisabled:
      return "account disabled (E=647)";
    case AuthFailure::kPasswordExpired:
      return "password expired (E=648)";
    case AuthFailure::kNoDialinPermission:
      return "no dial-in permission (E=649)";
    case AuthFailure::kBadAuthenticatorResponse:
      return "authenticator response does not prove the password";
    case AuthFailure::kInvalidCredentials:
      return "name or password unusable with this method";
  }
  return "unknown failure";
}

std::optional<crypto::MppeKeys> mppe_keys(const MppeKeyMaterial& material, crypto::MppeRole role,
                                          crypto::MppeStrength strength) {
  if (material.method == AuthMethod::kMsChapV2) {
    return crypto::mppe_keys_mschap_v2(role, strength, material.nt_password_hash_hash, material.nt_response);
  }
  const bool needs_lm = strength != crypto::MppeStrength::k128Bit;
  if (needs_lm && !material.lm_password_hash) return std::nullopt;
  const crypto::PasswordHash lm = material.lm_password_hash.value_or(crypto::PasswordHash{});
  return crypto::mppe_keys_mschap_v1(strength, lm, material.nt_password_hash_hash, material.challenge);
}

}  // namespace pptpkit::ppp
