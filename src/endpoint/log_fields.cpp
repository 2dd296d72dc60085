#include "endpoint/log_fields.h"

#include <fmt/format.h>

#include <algorithm>

namespace pptpkit::endpoint {

namespace {

bool plain(char c) { return c > 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '='; }

void append_value(std::string& out, std::string_view value) {
  if (!value.empty() && std::all_of(value.begin(), value.end(), plain)) {
    out += value;
    return;
  }
  out += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c >= 0x20 && c < 0x7F) {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    }
  }
  out += '"';
}

}  // namespace

LogField text_field(std::string key, std::string_view value) { return {std::move(key), std::string(value)}; }

LogField number_field(std::string key, std::uint64_t value) {
  return {std::move(key), std::to_string(value), true};
}

std::string log_text(std::string_view message, const LogFields& fields) {
  std::string out(message);
  for (const auto& field : fields) {
    out += ' ';
    out += field.key;
    out += '=';
    append_value(out, field.value);
  }
  return out;
}

}  // namespace pptpkit::endpoint
