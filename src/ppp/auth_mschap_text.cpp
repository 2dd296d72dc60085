#include "ppp/auth_mschap_text.h"

#include <charconv>

#include "crypto/mschap.h"

namespace pptpkit::ppp {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_digit(text[i]);
    const int low = hex_digit(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return out;
}

std::optional<std::uint32_t> parse_decimal(std::string_view text) {
  std::uint32_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string format_mschap_failure(const MsChapFailure& failure) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text = "E=" + std::to_string(failure.error) + " R=" + (failure.retry ? "1" : "0");
  if (!failure.challenge.empty()) {
    text += " C=";
    for (const std::uint8_t octet : failure.challenge) {
      text += kDigits[octet >> 4];
      text += kDigits[octet & 0x0F];
    }
  }
  if (failure.version) text += " V=" + std::to_string(*failure.version);
  if (!failure.message.empty()) text += " M=" + failure.message;
  return text;
}

std::optional<MsChapFailure> parse_mschap_failure(std::string_view text) {
  MsChapFailure failure;
  bool has_error = false;
  while (!text.empty()) {
    const auto space = text.find(' ');
    std::string_view field = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    if (field.size() < 2 || field[1] != '=') continue;
    const std::string_view value = field.substr(2);
    switch (field[0]) {
      case 'E':
        if (auto error = parse_decimal(value)) {
          failure.error = *error;
          has_error = true;
        }
        break;
      case 'R':
        failure.retry = value == "1";
        break;
      case 'C':
        failure.challenge = parse_hex(value).value_or(std::vector<std::uint8_t>{});
        break;
      case 'V':
        failure.version = parse_decimal(value);
        break;
      case 'M':
        // The message is the rest of the packet, spaces included.
        failure.message = std::string(value);
        if (!text.empty()) failure.message += " " + std::string(text);
        text = {};
        break;
      default:
        break;
    }
  }
  if (!has_error) return std::nullopt;
  return failure;
}

std::string format_mschap_v2_success(std::string_view authenticator_response, std::string_view message) {
  std::string text(authenticator_response);
  text += " M=";
  text += message;
  return text;
}

std::optional<MsChapV2Success> parse_mschap_v2_success(std::string_view text) {
  if (text.size() < crypto::kAuthenticatorResponseSize || !text.starts_with("S=")) return std::nullopt;
  MsChapV2Success success{text.substr(0, crypto::kAuthenticatorResponseSize), {}};
  std::string_view rest = text.substr(crypto::kAuthenticatorResponseSize);
  if (rest.starts_with(" M=")) success.message = rest.substr(3);
  return success;
}

}  // namespace pptpkit::ppp
