#include "cli/duration_text.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <utility>

namespace pptpkit::cli {

namespace {

using namespace std::chrono;

// Largest first, for duration_text().
constexpr std::array<std::pair<std::string_view, Duration>, 5> kUnits{{
    {"h", hours(1)},
    {"m", minutes(1)},
    {"s", seconds(1)},
    {"ms", milliseconds(1)},
    {"", seconds(1)},
}};

}  // namespace

Result<Duration, std::string> parse_duration(std::string_view text, bool zero_allowed) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (error == std::errc{} && (value > 0 || zero_allowed) && value < 1'000'000'000) {
    for (const auto& [name, scale] : kUnits) {
      if (unit == name) return scale * static_cast<Duration::rep>(value);
    }
  }
  return Unexpected{fmt::format("'{}': expected a {}duration such as 500ms, 30s, 5m or 1h", text,
                                zero_allowed ? "" : "positive ")};
}

std::string duration_text(Duration duration) {
  if (duration == Duration::zero()) return "0s";
  for (const auto& [name, scale] : kUnits) {
    if (duration % scale == Duration::zero()) return fmt::format("{}{}", duration / scale, name);
  }
  return fmt::format("{}ns", duration.count());
}

}  // namespace pptpkit::cli
