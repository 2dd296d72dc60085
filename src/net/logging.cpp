#include "net/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace pptpkit::net {

namespace {

// %* in the JSON pattern: the message as a JSON string. Peers choose host
// names and vendor strings, so quotes, control characters and invalid UTF-8
// must not break the line (invalid sequences become U+FFFD).
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    const std::string text = nlohmann::json(std::string(msg.payload.data(), msg.payload.size()))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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

}  // namespace pptpkit::net
