#include "summary.h"

#include <cctype>
#include <chrono>
#include <iterator>
#include <string>

#include "net/system_error.h"

namespace pptpkit::e2e {
namespace {

std::string snake_case(std::string_view text) {
  std::string key;
  for (const char c : text)
    key += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::string quoted(std::string_view text) {
  std::string json = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') json += '\\';
    json += c;
  }
  return json + '"';
}

}  // namespace

double to_seconds(Duration d) { return std::chrono::duration<double>(d).count(); }

void write_check(fmt::memory_buffer& out, const StreamCheck& check, Timestamp started) {
  const bool any = check.delivered() > 0;
  fmt::format_to(
      std::back_inserter(out),
      "\"delivered\": {}, \"unique\": {}, \"in_order\": {}, \"out_of_order\": {}, \"duplicates\": {}, "
      "\"corrupt\": {}, \"first_s\": {:.6f}, \"last_s\": {:.6f}",
      check.delivered(), check.unique(), check.in_order(), check.out_of_order(), check.duplicates(),
      check.corrupt(), any ? to_seconds(check.first_at() - started) : 0.0,
      any ? to_seconds(check.last_at() - started) : 0.0);
}

void write_drops(fmt::memory_buffer& out, const gre::DropCounters& drops) {
  fmt::format_to(std::back_inserter(out), "{{");
  for (std::size_t i = 0; i < gre::kDropReasonCount; ++i) {
    const auto reason = static_cast<gre::DropReason>(i);
    fmt::format_to(std::back_inserter(out), "{}\"{}\": {}", i > 0 ? ", " : "",
                   snake_case(gre::to_string(reason)), drops[reason]);
  }
  fmt::format_to(std::back_inserter(out), "}}");
}

void write_io_stats(fmt::memory_buffer& out, const net::GreIoStats& stats) {
  fmt::format_to(
      std::back_inserter(out),
      "{{\"received\": {}, \"receive_calls\": {}, \"sent\": {}, \"send_calls\": {}, \"send_blocked\": {}, "
      "\"errors\": {}, \"last_error\": {}}}",
      stats.received, stats.receive_calls, stats.sent, stats.send_calls, stats.send_blocked, stats.errors,
      stats.last_error ? quoted(net::to_string(*stats.last_error)) : "null");
}

}  // namespace pptpkit::e2e
