#include "cli/check_config.h"

#include <charconv>
#include <iostream>
#include <memory>
#include <utility>
#include <vector>

namespace pptpkit::cli {

namespace {

// A flag's value as TOML: numbers and booleans bare, anything else a
// quoted string (read back, both give the flag the same text).
std::string toml_value(const std::string& text) {
  long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if ((error == std::errc{} && end == text.data() + text.size()) || text == "true" || text == "false")
    return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// What the option holds: what the flags or the file gave, else its default
// ("false" for a flag without one).
std::vector<std::string> values_in_force(const CLI::Option& option) {
  if (option.count() > 0) return option.reduced_results();
  if (!option.get_default_str().empty()) return {option.get_default_str()};
  if (option.get_expected_min() == 0) return {"false"};
  return {};
}

// Every key of the command's table with its value, as TOML; a key with no
// value is a comment.
std::string effective_settings(const CLI::App& command) {
  std::string out = "[" + command.get_name() + "]\n";
  for (const CLI::Option* option : command.get_options()) {
    if (!option->get_configurable() || option->get_lnames().empty()) continue;
    const std::string& key = option->get_lnames().front();
    const std::vector<std::string> values = values_in_force(*option);
    if (values.empty()) {
      out += "# " + key + ": not set\n";
      continue;
    }
    const bool array = option->get_expected_max() > 1;
    std::string text;
    for (const auto& value : values) text += (text.empty() ? "" : ", ") + toml_value(value);
    out += key + " = " + (array ? "[" + text + "]" : text) + "\n";
  }
  return out;
}

int check_and_print(const CLI::App& command, const Status<std::string>& valid) {
  if (!valid) {
    std::cerr << "pptpkit " << command.get_name() << ": " << valid.error() << "\n";
    return 2;
  }
  std::cout << effective_settings(command);
  return 0;
}

}  // namespace

void add_command_callback(CLI::App& command, std::function<Status<std::string>()> check,
                          std::function<int()> run) {
  auto only_check = std::make_shared<bool>(false);
  command
      .add_flag("--check-config", *only_check,
                "Validate flags, file and the files they name, print the effective settings and exit "
                "(0, or 2 with the error)")
      ->configurable(false);
  command.callback([&command, only_check, check = std::move(check), run = std::move(run)] {
    if (const int code = *only_check ? check_and_print(command, check()) : run(); code != 0) {
      throw CLI::RuntimeError(code);
    }
  });
}

}  // namespace pptpkit::cli
