// The process log: spdlog on stderr, one line per event, as text for people
// or as one JSON object per line for collectors. The sans-I/O cores report
// pptp::LogLine and endpoint::LogLine events; this is where they become log
// lines.
#pragma once

#include <spdlog/common.h>

#include <cstdint>
#include <map>
#include <string>

#include "endpoint/events.h"
#include "pptp/events.h"

namespace pptpkit::net {

enum class LogFormat : std::uint8_t { kText, kJson };

struct LogSettings {
  spdlog::level::level_enum level = spdlog::level::info;
  LogFormat format = LogFormat::kText;
};

// Names for flags and configuration keys (`--log-level`, `--log-format`).
const std::map<std::string, spdlog::level::level_enum>& log_level_names();
const std::map<std::string, LogFormat>& log_format_names();

// Installs the stderr logger; call once before the event loop starts.
void configure_logging(const LogSettings& settings);

// A core's log line at its level.
void log_line(const pptp::LogLine& line);
// An endpoint's line: in text as log_text(); in JSON the same text as
// "message", plus "event" (the message alone) and every field as a key.
void log_line(const endpoint::LogLine& line);

}  // namespace pptpkit::net
