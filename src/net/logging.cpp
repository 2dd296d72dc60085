#include "net/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace pptpkit::net {

namespace {

// The structured line being logged on this thread, for the JSON formatter:
// the logger is synchronous, so it formats within log_line()'s call.
thread_local const endpoint::LogLine* structured_line = nullptr;

std::string json_text(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// %* in the JSON pattern: the message as a JSON string, then the fields of a
// structured line. Peers choose host names, vendor strings and user names,
// so quotes, control characters and invalid UTF-8 must not break the line
// (invalid sequences become U+FFFD).
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string text = json_text(std::string(msg.payload.data(), msg.payload.size()));
    if (structured_line != nullptr) {
      text += ",\"event\":" + json_text(structured_line->message);
      for (const auto& field : structured_line->fields) {
        text += "," + json_text(field.key) + ":" + (field.number ? field.value : json_text(field.value));
      }
    }
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

spdlog::level::level_enum to_spdlog(pptp::LogLevel level) {
  switch (level) {
    case pptp::LogLevel::kDebug:
      return spdlog::level::debug;
    case pptp::LogLevel::kInfo:
      return spdlog::level::info;
    case pptp::LogLevel::kWarning:
      return spdlog::level::warn;
    case pptp::LogLevel::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

const std::map<std::string, spdlog::level::level_enum>& log_level_names() {
  static const std::map<std::string, spdlog::level::level_enum> kNames{{"debug", spdlog::level::debug},
                                                                       {"info", spdlog::level::info},
                                                                       {"warning", spdlog::level::warn},
                                                                       {"error", spdlog::level::err}};
  return kNames;
}

const std::map<std::string, LogFormat>& log_format_names() {
  static const std::map<std::string, LogFormat> kNames{{"text", LogFormat::kText},
                                                       {"json", LogFormat::kJson}};
  return kNames;
}

void configure_logging(const LogSettings& settings) {
  auto logger = spdlog::stderr_logger_mt("pptpkit");
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (settings.format == LogFormat::kJson) {
    formatter->add_flag<JsonMessageFlag>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","message":%*})");
  } else {
    formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(settings.level);
  // Tests and supervisors read the log while the process runs.
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
}

void log_line(const pptp::LogLine& line) { spdlog::log(to_spdlog(line.level), "{}", line.message); }

void log_line(const endpoint::LogLine& line) {
  structured_line = line.fields.empty() ? nullptr : &line;
  spdlog::log(to_spdlog(line.level), "{}", endpoint::log_text(line.message, line.fields));
  structured_line = nullptr;
}

}  // namespace pptpkit::net
