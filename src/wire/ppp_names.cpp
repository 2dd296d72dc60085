#include "wire/ppp_names.h"

#include <array>

#include "wire/ppp_cbcp.h"
#include "wire/ppp_control.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::wire {

namespace {

constexpr std::string_view kUnknown = kPppUnknownName;

// Codes 1 to 15 shared by LCP, the NCPs and CCP, each using a prefix of them
// (plus CCP's 14 and 15).
constexpr std::array<std::string_view, 16> kControlCodeNames{
    kUnknown,           "Configure-Request", "Configure-Ack", "Configure-Nak",
    "Configure-Reject", "Terminate-Request", "Terminate-Ack", "Code-Reject",
    "Protocol-Reject",  "Echo-Request",      "Echo-Reply",    "Discard-Request",
    "Identification",   "Time-Remaining",    "Reset-Request", "Reset-Ack"};

bool is_control_code_of(std::uint16_t protocol, std::uint8_t code) {
  switch (protocol) {
    case kPppLcp:
      return code >= kPppConfigureRequest && code <= kPppTimeRemaining;
    case kPppIpcp:
    case kPppIpv6cp:
      return code >= kPppConfigureRequest && code <= kPppCodeReject;
    case kPppCcp:
      return (code >= kPppConfigureRequest && code <= kPppCodeReject) || code == kPppResetRequest ||
             code == kPppResetAck;
    default:
      return false;
  }
}

template <std::size_t N>
std::string_view lookup(const std::array<std::string_view, N>& names, std::size_t index) {
  return index < names.size() ? names[index] : kUnknown;
}

}  // namespace

std::string_view ppp_protocol_name(std::uint16_t protocol) {
  switch (protocol) {
    case kPppLcp:
      return "LCP";
    case kPppPap:
      return "PAP";
    case kPppChap:
      return "CHAP";
    case kPppIpcp:
      return "IPCP";
    case kPppIpv6cp:
      return "IPV6CP";
    case kPppCcp:
      return "CCP";
    case kPppCbcp:
      return "CBCP";
    case kPppIpv4:
      return "IPv4";
    case kPppIpv6:
      return "IPv6";
    case kPppCompressedDatagram:
      return "Compressed datagram";
    default:
      return kUnknown;
  }
}

std::string_view ppp_code_name(std::uint16_t protocol, std::uint8_t code) {
  static constexpr std::array<std::string_view, 4> kPap{kUnknown, "Authenticate-Request", "Authenticate-Ack",
                                                        "Authenticate-Nak"};
  static constexpr std::array<std::string_view, 5> kChap{kUnknown, "Challenge", "Response", "Success",
                                                         "Failure"};
  static constexpr std::array<std::string_view, 4> kCbcp{kUnknown, "Callback-Request", "Callback-Response",
                                                         "Callback-Ack"};
  switch (protocol) {
    case kPppPap:
      return lookup(kPap, code);
    case kPppChap:
      return lookup(kChap, code);
    case kPppCbcp:
      return lookup(kCbcp, code);
    default:
      return is_control_code_of(protocol, code) ? kControlCodeNames[code] : kUnknown;
  }
}

std::string_view ppp_option_name(std::uint16_t protocol, std::uint8_t type) {
  switch (protocol) {
    case kPppLcp:
      switch (type) {
        case kLcpMru:
          return "mru";
        case kLcpAccm:
          return "asyncmap";
        case kLcpAuthenticationProtocol:
          return "auth";
        case kLcpMagicNumber:
          return "magic";
        case kLcpPfc:
          return "pcomp";
        case kLcpAcfc:
          return "accomp";
        case kLcpCallback:
          return "callback";
        case kLcpMrru:
          return "mrru";
        case kLcpEndpointDiscriminator:
          return "endpoint";
      }
      break;
    case kPppIpcp:
      switch (type) {
        case kIpcpIpCompressionProtocol:
          return "compress";
        case kIpcpIpAddress:
          return "addr";
        case kIpcpPrimaryDns:
          return "ms-dns1";
        case kIpcpPrimaryNbns:
          return "ms-wins1";
        case kIpcpSecondaryDns:
          return "ms-dns2";
        case kIpcpSecondaryNbns:
          return "ms-wins2";
      }
      break;
    case kPppIpv6cp:
      if (type == kIpv6cpInterfaceIdentifier) return "addr";
      break;
    case kPppCcp:
      if (type == kCcpMppe) return "mppe";
      break;
    case kPppCbcp:
      switch (type) {
        case kCbcpNoCallback:
          return "no-callback";
        case kCbcpUserSpecifiedNumber:
          return "user-number";
        case kCbcpAdminSpecifiedNumber:
          return "admin-number";
        case kCbcpListOfNumbers:
          return "number-list";
      }
      break;
  }
  return kUnknown;
}

}  // namespace pptpkit::wire
