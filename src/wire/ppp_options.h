// Configuration options (RFC 1661 section 6): Type, Length, Data, carried in
// the Data of Configure-Request/Ack/Nak/Reject. Typed helpers decode the
// options pptpkit negotiates; the caller dispatches on the (per-protocol)
// type and the helpers check the length the type requires.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/ppp_error.h"

namespace pptpkit::wire {

// LCP option types (RFC 1661 6, RFC 1570 2.3, RFC 1990 5.1).
inline constexpr std::uint8_t kLcpMru = 1;
inline constexpr std::uint8_t kLcpAccm = 2;  // Async-Control-Character-Map, RFC 1662 7.1
inline constexpr std::uint8_t kLcpAuthenticationProtocol = 3;
inline constexpr std::uint8_t kLcpMagicNumber = 5;
inline constexpr std::uint8_t kLcpPfc = 7;
inline constexpr std::uint8_t kLcpAcfc = 8;
inline constexpr std::uint8_t kLcpCallback = 13;
inline constexpr std::uint8_t kLcpMrru = 17;
inline constexpr std::uint8_t kLcpEndpointDiscriminator = 19;

// IPCP option types (RFC 1332 3, RFC 1877 1).
inline constexpr std::uint8_t kIpcpIpCompressionProtocol = 2;
inline constexpr std::uint8_t kIpcpIpAddress = 3;
inline constexpr std::uint8_t kIpcpPrimaryDns = 129;
inline constexpr std::uint8_t kIpcpPrimaryNbns = 130;
inline constexpr std::uint8_t kIpcpSecondaryDns = 131;
inline constexpr std::uint8_t kIpcpSecondaryNbns = 132;

// IPV6CP option type (RFC 5072 4.1).
inline constexpr std::uint8_t kIpv6cpInterfaceIdentifier = 1;

// CCP option type and its Supported Bits (RFC 3078 2, RFC 2118 2): H in the
// most significant octet, the others in the least significant one.
inline constexpr std::uint8_t kCcpMppe = 18;
inline constexpr std::uint32_t kMppeStateless = 0x01000000;    // H
inline constexpr std::uint32_t kMppe56Bit = 0x00000080;        // M
inline constexpr std::uint32_t kMppe128Bit = 0x00000040;       // S
inline constexpr std::uint32_t kMppe40Bit = 0x00000020;        // L
inline constexpr std::uint32_t kMppeObsoleteD = 0x00000010;    // D
inline constexpr std::uint32_t kMppcCompression = 0x00000001;  // C

// CHAP Algorithm octet of the Authentication-Protocol option (RFC 1994 3,
// RFC 2433 2, RFC 2759 2).
inline constexpr std::uint8_t kChapMd5 = 0x05;
inline constexpr std::uint8_t kChapMsChapV1 = 0x80;
inline constexpr std::uint8_t kChapMsChapV2 = 0x81;

// Callback Operation 6: negotiate callback with CBCP after authentication
// (MS-CBCP 1.3; RFC 1570 2.3 defines 0 to 4).
inline constexpr std::uint8_t kLcpCallbackCbcp = 6;

inline constexpr std::size_t kPppOptionHeaderSize = 2;
inline constexpr std::size_t kIpv6InterfaceIdentifierSize = 8;

struct PppOption {
  std::uint8_t type = 0;
  std::uint8_t length = 0;  // covers Type and Length, so value.size() + 2
  Bytes value;
};

// Decodes the option at the start of `data` (RFC 1661 section 6): Length
// below 2 is kOptionLengthBelowTwo, Length past the data kOptionOverrun.
Result<PppOption, PppError> decode_ppp_option(Bytes data);

// Walks the options of a Configure-* packet's Data in order:
//   for (PppOptionReader r(data); !r.done();) { auto option = r.next(); ... }
// After an error done() is true, so a malformed option ends the walk.
class PppOptionReader {
 public:
  explicit PppOptionReader(Bytes data) : rest_(data) {}
  bool done() const { return rest_.empty(); }
  Result<PppOption, PppError> next();

 private:
  Bytes rest_;
};

// Writes Type, Length and `value`; kFieldTooLong past 253 octets of value.
Result<std::size_t, PppError> encode_ppp_option(std::uint8_t type, Bytes value, MutableBytes out);

// Options whose value is one big-endian number: MRU and MRRU (u16); ACCM,
// Magic-Number, IP-Address, DNS/NBNS and MPPE Supported Bits (u32). A value of
// another size is kBadOptionLength.
Result<std::uint16_t, PppError> decode_u16_option(const PppOption& option);
Result<std::uint32_t, PppError> decode_u32_option(const PppOption& option);
Result<std::size_t, PppError> encode_u16_option(std::uint8_t type, std::uint16_t value, MutableBytes out);
Result<std::size_t, PppError> encode_u32_option(std::uint8_t type, std::uint32_t value, MutableBytes out);

// Options that are only a flag (PFC, ACFC: RFC 1661 6.5, 6.6); encode them
// with encode_ppp_option(type, {}, out).
Status<PppError> decode_empty_option(const PppOption& option);

// RFC 5072 4.1: an 8-octet Interface-Identifier.
using InterfaceIdentifier = std::array<std::uint8_t, kIpv6InterfaceIdentifierSize>;
Result<InterfaceIdentifier, PppError> decode_interface_identifier_option(const PppOption& option);
Result<std::size_t, PppError> encode_interface_identifier_option(const InterfaceIdentifier& identifier,
                                                                 MutableBytes out);

// RFC 1661 6.2: Authentication-Protocol and its Data; for CHAP the Data is
// the one Algorithm octet (RFC 1994 3), for PAP it is empty (RFC 1334 2.1).
struct AuthenticationProtocolOption {
  std::uint16_t authentication_protocol = 0;
  Bytes data;
};
Result<AuthenticationProtocolOption, PppError> decode_authentication_protocol_option(const PppOption& option);
Result<std::size_t, PppError> encode_authentication_protocol_option(
    const AuthenticationProtocolOption& option, MutableBytes out);

// RFC 1332 3.2: IP-Compression-Protocol and its Data (e.g. Van Jacobson's
// Max-Slot-Id and Comp-Slot-Id).
struct IpCompressionProtocolOption {
  std::uint16_t ip_compression_protocol = 0;
  Bytes data;
};
Result<IpCompressionProtocolOption, PppError> decode_ip_compression_protocol_option(const PppOption& option);
Result<std::size_t, PppError> encode_ip_compression_protocol_option(const IpCompressionProtocolOption& option,
                                                                    MutableBytes out);

// RFC 1570 2.3: Callback Operation and Message.
struct CallbackOption {
  std::uint8_t operation = 0;
  Bytes message;
};
Result<CallbackOption, PppError> decode_callback_option(const PppOption& option);
Result<std::size_t, PppError> encode_callback_option(const CallbackOption& option, MutableBytes out);

// RFC 1990 5.1.3: Endpoint Discriminator Class and Address.
struct EndpointDiscriminatorOption {
  std::uint8_t discriminator_class = 0;
  Bytes address;
};
Result<EndpointDiscriminatorOption, PppError> decode_endpoint_discriminator_option(const PppOption& option);
Result<std::size_t, PppError> encode_endpoint_discriminator_option(const EndpointDiscriminatorOption& option,
                                                                   MutableBytes out);

}  // namespace pptpkit::wire
