#include "cli/toml_config.h"

#include <toml++/toml.h>
#include <memory>
#include <sstream>
#include <string>

namespace pptpkit::cli {

namespace {

// A scalar as the text a flag would carry; tables and nested arrays are not
// flag values.
std::string scalar_text(const toml::node& node, const std::string& key) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* f = node.as_floating_point()) return std::to_string(f->get());
  throw CLI::ConfigError(key + ": expected a string, number, boolean or an array of them");
}

void flatten(const toml::table& table, std::vector<std::string>& parents, std::vector<CLI::ConfigItem>& out) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (const auto* sub = node.as_table()) {
      parents.push_back(name);
      flatten(*sub, parents, out);
      parents.pop_back();
      continue;
    }
    CLI::ConfigItem item;
    item.parents = parents;
    item.name = name;
    if (const auto* array = node.as_array()) {
      for (const auto& element : *array) item.inputs.push_back(scalar_text(element, item.fullname()));
    } else {
      item.inputs.push_back(scalar_text(node, item.fullname()));
    }
    out.push_back(std::move(item));
  }
}

}  // namespace

std::vector<CLI::ConfigItem> TomlConfig::from_config(std::istream& input) const {
  std::stringstream text;
  text << input.rdbuf();
  toml::table table;
  try {
    table = toml::parse(text.str());
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    throw CLI::ConfigError("line " + std::to_string(where.line) + ", column " + std::to_string(where.column) +
                           ": " + std::string(error.description()));
  }
  std::vector<std::string> parents;
  std::vector<CLI::ConfigItem> flat;
  flatten(table, parents, flat);
  return flat;
}

void add_config_option(CLI::App& app) {
  app.set_config("-c,--config", "", "TOML configuration file; flags override its keys");
  app.config_formatter(std::make_shared<TomlConfig>());
  app.allow_config_extras(CLI::config_extras_mode::error);
}

}  // namespace pptpkit::cli
