// Control protocol packets (RFC 1661 section 5): Code, Identifier, Length,
// Data. LCP, IPCP, IPV6CP, CCP, PAP, CHAP and CBCP all use this header.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/ppp_error.h"

namespace pptpkit::wire {

// Codes of RFC 1661 section 5, RFC 1570 section 2 (12, 13) and RFC 1962
// section 1.1 (14, 15). NCPs use 1 to 7, LCP 1 to 13, CCP 1 to 7, 14 and 15.
inline constexpr std::uint8_t kPppConfigureRequest = 1;
inline constexpr std::uint8_t kPppConfigureAck = 2;
inline constexpr std::uint8_t kPppConfigureNak = 3;
inline constexpr std::uint8_t kPppConfigureReject = 4;
inline constexpr std::uint8_t kPppTerminateRequest = 5;
inline constexpr std::uint8_t kPppTerminateAck = 6;
inline constexpr std::uint8_t kPppCodeReject = 7;
inline constexpr std::uint8_t kPppProtocolReject = 8;
inline constexpr std::uint8_t kPppEchoRequest = 9;
inline constexpr std::uint8_t kPppEchoReply = 10;
inline constexpr std::uint8_t kPppDiscardRequest = 11;
inline constexpr std::uint8_t kPppIdentification = 12;
inline constexpr std::uint8_t kPppTimeRemaining = 13;
inline constexpr std::uint8_t kPppResetRequest = 14;
inline constexpr std::uint8_t kPppResetAck = 15;

inline constexpr std::size_t kPppControlHeaderSize = 4;

struct PppControlPacket {
  std::uint8_t code = 0;
  std::uint8_t identifier = 0;
  std::uint16_t length = 0;
  Bytes data;  // Length - 4 octets; padding after Length is not included
};

// RFC 1661 section 5: Length covers the header, so it is at least 4 and at
// most the octets received; octets past Length are padding and ignored.
Result<PppControlPacket, PppError> decode_ppp_control_packet(Bytes information);

// Writes the 4-octet header for `data_size` octets of Data that the caller
// writes (or has written) right after it, e.g. options encoded in place.
Result<std::size_t, PppError> encode_ppp_control_header(std::uint8_t code, std::uint8_t identifier,
                                                        std::size_t data_size, MutableBytes out);

// The same into a writer the caller goes on writing the Data with; fails
// only with kFieldTooLong, running out of space shows in `w.ok()`.
Status<PppError> encode_ppp_control_header(std::uint8_t code, std::uint8_t identifier, std::size_t data_size,
                                           ByteWriter& w);

// Writes the header followed by `data` (RFC 1661 section 5).
Result<std::size_t, PppError> encode_ppp_control_packet(std::uint8_t code, std::uint8_t identifier,
                                                        Bytes data, MutableBytes out);

// RFC 1661 5.7: the protocol the peer does not speak and the start of the
// rejected frame's information.
struct ProtocolReject {
  std::uint16_t rejected_protocol = 0;
  Bytes rejected_information;
};

Result<ProtocolReject, PppError> decode_protocol_reject(const PppControlPacket& packet);

// RFC 1661 5.7: the caller truncates rejected_information to the peer's MRU.
Result<std::size_t, PppError> encode_protocol_reject(std::uint8_t identifier, const ProtocolReject& reject,
                                                     MutableBytes out);

// RFC 1661 5.6: the packet the peer did not understand, as far as it fit.
Result<Bytes, PppError> decode_code_reject(const PppControlPacket& packet);

// Echo-Request, Echo-Reply, Discard-Request (RFC 1661 5.8), Identification
// and Time-Remaining (RFC 1570 2.1, 2.2) all start with a Magic-Number; the
// rest of the Data is returned as is.
struct MagicNumberPacket {
  std::uint32_t magic_number = 0;
  Bytes data;
};

Result<MagicNumberPacket, PppError> decode_magic_number_packet(const PppControlPacket& packet);

Result<std::size_t, PppError> encode_magic_number_packet(std::uint8_t code, std::uint8_t identifier,
                                                         const MagicNumberPacket& packet, MutableBytes out);

}  // namespace pptpkit::wire
