#include "wire/ppp_option_format.h"

#include <array>
#include <charconv>
#include <optional>

#include "wire/ppp_cbcp.h"
#include "wire/ppp_names.h"
#include "wire/ppp_options.h"
#include "wire/ppp_protocol.h"

namespace pptpkit::wire {

namespace {

using Text = std::optional<std::string>;

std::string hex_number(std::uint32_t v) {
  std::array<char, 8> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), v, 16).ptr;
  return "0x" + std::string(digits.data(), end);
}

std::string hex_bytes(Bytes bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0F];
  }
  return out;
}

// "text", then " rest" when rest is not empty.
std::string joined(std::string text, const std::string& rest) {
  return rest.empty() ? text : text + " " + rest;
}

std::string dotted_quad(std::uint32_t v) {
  return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 0xFF) + "." +
         std::to_string((v >> 8) & 0xFF) + "." + std::to_string(v & 0xFF);
}

// Peer-supplied text goes into logs: anything but printable ASCII shows as '.'.
std::string printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c < 0x20 || c > 0x7E) c = '.';
  }
  return out;
}

// The decoded value as text, or nullopt when it did not decode.
template <class R, class F>
Text text_of(const R& decoded, F&& describe) {
  if (!decoded) return std::nullopt;
  return describe(*decoded);
}

std::string chap_algorithm(std::uint8_t algorithm) {
  switch (algorithm) {
    case kChapMd5:
      return "MD5";
    case kChapMsChapV1:
      return "MS";
    case kChapMsChapV2:
      return "MS-v2";
    default:
      return hex_number(algorithm);
  }
}

std::string authentication_protocol(const AuthenticationProtocolOption& option) {
  switch (option.authentication_protocol) {
    case kPppPap:
      return "pap";
    case kPppChap:
      return "chap " + chap_algorithm(option.data[0]);
    default:
      return joined(hex_number(option.authentication_protocol), hex_bytes(option.data));
  }
}

// RFC 3078 2: pppd lists the bits as +X or -X in the order H M S L D C.
std::string mppe_bits(std::uint32_t bits) {
  static constexpr std::array<std::pair<std::uint32_t, char>, 6> kBits{{{kMppeStateless, 'H'},
                                                                        {kMppe56Bit, 'M'},
                                                                        {kMppe128Bit, 'S'},
                                                                        {kMppe40Bit, 'L'},
                                                                        {kMppeObsoleteD, 'D'},
                                                                        {kMppcCompression, 'C'}}};
  std::string out;
  std::uint32_t known = 0;
  for (const auto& [bit, letter] : kBits) {
    out += (bits & bit) != 0 ? "+" : "-";
    out += letter;
    out += ' ';
    known |= bit;
  }
  out.pop_back();
  return (bits & ~known) != 0 ? joined(out, hex_number(bits & ~known)) : out;
}

Text describe_lcp(const PppOption& option) {
  const auto as_decimal = [](auto v) { return std::to_string(v); };
  const auto as_hex = [](std::uint32_t v) { return hex_number(v); };
  switch (option.type) {
    case kLcpMru:
    case kLcpMrru:
      return text_of(decode_u16_option(option), as_decimal);
    case kLcpAccm:
    case kLcpMagicNumber:
      return text_of(decode_u32_option(option), as_hex);
    case kLcpAuthenticationProtocol:
      return text_of(decode_authentication_protocol_option(option), authentication_protocol);
    case kLcpPfc:
    case kLcpAcfc:
      return decode_empty_option(option) ? Text{""} : std::nullopt;
    case kLcpCallback:
      return text_of(decode_callback_option(option), [](const CallbackOption& callback) {
        const std::string operation =
            callback.operation == kLcpCallbackCbcp ? "CBCP" : std::to_string(callback.operation);
        return joined(operation, hex_bytes(callback.message));
      });
    case kLcpEndpointDiscriminator:
      return text_of(decode_endpoint_discriminator_option(option), [](const EndpointDiscriminatorOption& e) {
        return joined("class " + std::to_string(e.discriminator_class), hex_bytes(e.address));
      });
    default:
      return std::nullopt;
  }
}

Text describe_ipcp(const PppOption& option) {
  if (option.type == kIpcpIpCompressionProtocol) {
    return text_of(decode_ip_compression_protocol_option(option), [](const IpCompressionProtocolOption& c) {
      // RFC 1332 3.2: 0x002D is Van Jacobson compressed TCP/IP.
      const std::string name =
          c.ip_compression_protocol == 0x002D ? "VJ" : hex_number(c.ip_compression_protocol);
      return joined(name, hex_bytes(c.data));
    });
  }
  return text_of(decode_u32_option(option), dotted_quad);
}

// RFC 5072 5: the link-local address fe80::/64 + Interface-Identifier.
std::string link_local(const InterfaceIdentifier& id) {
  std::string out = "fe80:";
  for (std::size_t i = 0; i < id.size(); i += 2) {
    out += ":" + hex_number(static_cast<std::uint32_t>((id[i] << 8) | id[i + 1])).substr(2);
  }
  return out;
}

std::string cbcp_option(const CbcpOption& option) {
  std::string out;
  if (option.callback_delay) out = "delay " + std::to_string(*option.callback_delay);
  if (option.callback_address) {
    out = joined(out, "address " + std::to_string(option.callback_address->address_type) + ":" +
                          printable(option.callback_address->address));
  }
  return out;
}

Text describe(std::uint16_t protocol, const PppOption& option) {
  switch (protocol) {
    case kPppLcp:
      return describe_lcp(option);
    case kPppIpcp:
      return describe_ipcp(option);
    case kPppIpv6cp:
      return text_of(decode_interface_identifier_option(option), link_local);
    case kPppCcp:
      return text_of(decode_u32_option(option), mppe_bits);
    case kPppCbcp:
      return cbcp_option(decode_cbcp_option(option));
    default:
      return std::nullopt;
  }
}

}  // namespace

std::string format_option(std::uint16_t protocol, std::uint8_t type, Bytes value) {
  const std::string_view name = ppp_option_name(protocol, type);
  if (name == kPppUnknownName) return "<" + joined("option " + std::to_string(type), hex_bytes(value)) + ">";
  // The typed decoders look only at type and value, so length is informative.
  const PppOption option{type, static_cast<std::uint8_t>(value.size() + kPppOptionHeaderSize), value};
  const Text text = describe(protocol, option);
  if (!text) return "<" + joined(std::string(name) + " invalid", hex_bytes(value)) + ">";
  return "<" + joined(std::string(name), *text) + ">";
}

}  // namespace pptpkit::wire
