// Structured log lines: an event name and key=value fields, so the text log
// greps and diffs well and the JSON log carries the same fields as keys.
// Values come from peers (user names), so the text form quotes and escapes
// whatever could forge another field or break the line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pptpkit::endpoint {

struct LogField {
  std::string key;
  std::string value;
  bool number = false;  // a JSON number, not a string
};

using LogFields = std::vector<LogField>;

LogField text_field(std::string key, std::string_view value);
LogField number_field(std::string key, std::uint64_t value);

// `message` then " key=value" per field. A value is written in double
// quotes when it is empty or holds a space, '=', '"', '\' or a byte outside
// printable ASCII; inside quotes '"' and '\' are escaped with '\' and other
// such bytes as \xNN.
std::string log_text(std::string_view message, const LogFields& fields);

}  // namespace pptpkit::endpoint
