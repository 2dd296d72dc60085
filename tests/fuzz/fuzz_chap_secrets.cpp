// parse_chap_secrets() on arbitrary text: it must not crash, must report a
// line inside the text on error, and every entry it returns must be found by
// a lookup of its own (non-wildcard) names.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ppp/secrets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = pptpkit::ppp::parse_chap_secrets(text);
  std::size_t lines = 1;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  if (!parsed) {
    if (parsed.error().line == 0 || parsed.error().line > lines) std::abort();
    return 0;
  }
  for (const auto& entry : parsed->entries()) {
    if (entry.line == 0 || entry.line > lines) std::abort();
    if (!parsed->lookup(entry.client, entry.server)) std::abort();
  }
  return 0;
}
