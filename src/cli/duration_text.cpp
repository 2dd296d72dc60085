#include "cli/duration_text.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <utility>

namespace pptpkit::cli {

Result<Duration, std::string> parse_duration(std::string_view text) {
  using namespace std::chrono;
  static constexpr std::array<std::pair<std::string_view, Duration>, 5> kUnits{{
      {"ms", milliseconds(1)},
      {"s", seconds(1)},
      {"m", minutes(1)},
      {"h", hours(1)},
      {"", seconds(1)},
  }};
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (error == std::errc{} && value > 0 && value < 1'000'000'000) {
    for (const auto& [name, scale] : kUnits) {
      if (unit == name) return scale * static_cast<Duration::rep>(value);
    }
  }
  return Unexpected{fmt::format("'{}': expected a positive duration such as 500ms, 30s, 5m or 1h", text)};
}

}  // namespace pptpkit::cli
