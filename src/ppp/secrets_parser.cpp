// parse_chap_secrets(): pppd's word syntax (options.c getword()) and the
// line layout of its scan_authfile() (auth.c), re-implemented over text.
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "ppp/secrets.h"

namespace pptpkit::ppp {
namespace {

constexpr std::size_t kMaxWordLength = 1024;  // pppd's MAXWORDLEN
constexpr int kEnd = -1;

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_octal(int c) { return c >= '0' && c <= '7'; }
int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Word {
  std::string text;
  std::size_t line = 0;
  bool starts_line = false;  // an unescaped newline came before it
};

class WordReader {
 public:
  explicit WordReader(std::string_view text) : text_(text) {}

  // The next word, nullopt at the end of the text.
  Result<std::optional<Word>, SecretsParseError> next() {
    Word word;
    bool escape = false;
    bool comment = false;
    int c = kEnd;
    // Skip whitespace and comments; a backslash starts a word with the
    // escaped character, except that backslash-newline is ignored.
    for (;;) {
      c = get();
      if (c == kEnd) return std::optional<Word>{};
      if (c == '\n') {
        if (escape) {
          escape = false;
        } else {
          word.starts_line = true;
          comment = false;
        }
        continue;
      }
      if (comment) continue;
      if (escape) break;
      if (c == '\\') {
        escape = true;
      } else if (c == '#') {
        comment = true;
      } else if (!is_space(c)) {
        break;
      }
    }
    word.line = line_;
    int quote = 0;
    if (!escape && (c == '"' || c == '\'')) {
      quote = c;
      c = get();
    }
    while (c != kEnd) {
      if (escape) {
        escape = false;
        c = unescape(c, word.text);
        continue;
      }
      if (quote != 0 && c == quote) break;
      if (quote == 0 && (is_space(c) || c == '#')) {
        unget();
        break;
      }
      if (c == '\\') {
        escape = true;
      } else {
        word.text.push_back(static_cast<char>(c));
      }
      c = get();
    }
    if (c == kEnd && quote != 0)
      return Unexpected{SecretsParseError{SecretsError::kUnterminatedQuote, word.line}};
    if (word.text.size() > kMaxWordLength) {
      return Unexpected{SecretsParseError{SecretsError::kWordTooLong, word.line}};
    }
    if (c == kEnd && word.text.empty()) return std::optional<Word>{};
    return std::optional<Word>{std::move(word)};
  }

 private:
  int get() {
    if (pos_ >= text_.size()) {
      ++pos_;  // so that unget() after the end stays at the end
      return kEnd;
    }
    const auto c = static_cast<unsigned char>(text_[pos_++]);
    if (c == '\n') ++line_;
    return c;
  }
  void unget() {
    --pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') --line_;
  }

  // Appends the character escaped by `c` and returns the next character to
  // look at (the escape may have consumed more).
  int unescape(int c, std::string& out) {
    if (c == '\n') return get();  // backslash-newline: a line continuation
    int value = c;
    switch (c) {
      case 'a':
        value = '\a';
        break;
      case 'b':
        value = '\b';
        break;
      case 'f':
        value = '\f';
        break;
      case 'n':
        value = '\n';
        break;
      case 'r':
        value = '\r';
        break;
      case 's':
        value = ' ';
        break;
      case 't':
        value = '\t';
        break;
      case 'x': {
        value = 0;
        int next = get();
        for (int n = 0; n < 2 && hex_value(next) >= 0; ++n, next = get())
          value = value * 16 + hex_value(next);
        out.push_back(static_cast<char>(value));
        return next;
      }
      default:
        if (is_octal(c)) {
          value = 0;
          int next = c;
          for (int n = 0; n < 3 && is_octal(next); ++n, next = get()) value = value * 8 + (next - '0');
          out.push_back(static_cast<char>(value));
          return next;
        }
        break;
    }
    out.push_back(static_cast<char>(value));
    return get();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// A decimal number in [0, max] spanning all of `text`.
std::optional<unsigned> decimal(std::string_view text, unsigned max) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value > max) return std::nullopt;
  return value;
}

// a.b.c.d or a.b.c.d/n, decimal only.
std::optional<Ipv4Prefix> parse_prefix(std::string_view word) {
  Ipv4Prefix prefix;
  if (const auto slash = word.find('/'); slash != std::string_view::npos) {
    const auto length = decimal(word.substr(slash + 1), 32);
    if (!length) return std::nullopt;
    prefix.length = static_cast<std::uint8_t>(*length);
    word = word.substr(0, slash);
  }
  for (int part = 0; part < 4; ++part) {
    const auto dot = word.find('.');
    if ((part < 3) == (dot == std::string_view::npos)) return std::nullopt;
    const auto octet = decimal(word.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    prefix.address = (prefix.address << 8) | *octet;
    word = part < 3 ? word.substr(dot + 1) : std::string_view{};
  }
  return prefix;
}

Result<ChapSecretsEntry, SecretsParseError> parse_entry(const std::vector<Word>& line) {
  const std::size_t number = line.front().line;
  if (line.size() < 3) return Unexpected{SecretsParseError{SecretsError::kMissingSecret, number}};
  ChapSecretsEntry entry{line[0].text, line[1].text, Secret{line[2].text, {}}, number};
  if (entry.secret.password.starts_with("@/")) {
    return Unexpected{SecretsParseError{SecretsError::kIndirectSecret, line[2].line}};
  }
  for (std::size_t i = 3; i < line.size(); ++i) {
    const std::string& word = line[i].text;
    if (word == "--") return Unexpected{SecretsParseError{SecretsError::kExtraOptions, line[i].line}};
    if (word == "*") {
      entry.secret.addresses.any = true;
    } else if (word != "-") {
      const auto prefix = parse_prefix(word);
      if (!prefix) return Unexpected{SecretsParseError{SecretsError::kBadAddress, line[i].line}};
      entry.secret.addresses.prefixes.push_back(*prefix);
    }
  }
  return entry;
}

}  // namespace

Result<ChapSecrets, SecretsParseError> parse_chap_secrets(std::string_view text) {
  WordReader reader(text);
  std::vector<ChapSecretsEntry> entries;
  std::vector<Word> line;
  for (;;) {
    auto word = reader.next();
    if (!word) return Unexpected{word.error()};
    const bool end = !word->has_value();
    if (!line.empty() && (end || (*word)->starts_line)) {
      auto entry = parse_entry(line);
      if (!entry) return Unexpected{entry.error()};
      entries.push_back(std::move(*entry));
      line.clear();
    }
    if (end) break;
    line.push_back(std::move(**word));
  }
  return ChapSecrets(std::move(entries));
}

}  // namespace pptpkit::ppp
