#include "ppp/configure_reply.h"

#include <array>

namespace pptpkit::ppp {

namespace {

// An option is at most 255 octets (its Length is one octet).
void append_option(std::vector<std::uint8_t>& to, std::uint8_t type, Bytes value) {
  std::array<std::uint8_t, 0xFF> buffer{};
  // Values come from decoded options or from handlers' fixed-size fields,
  // so they always fit; an oversized one is dropped rather than truncated.
  if (auto n = wire::encode_ppp_option(type, value, buffer)) {
    to.insert(to.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*n));
  }
}

}  // namespace

void ConfigureReply::nak(const wire::PppOption& option, Bytes suggested_value) {
  append_option(naks_, option.type, suggested_value);
  append_option(naked_originals_, option.type, option.value);
}

void ConfigureReply::suggest(std::uint8_t type, Bytes value) { append_option(naks_, type, value); }

void ConfigureReply::reject(const wire::PppOption& option) {
  append_option(rejects_, option.type, option.value);
}

void ConfigureReply::naks_become_rejects() {
  rejects_.insert(rejects_.end(), naked_originals_.begin(), naked_originals_.end());
  naks_.clear();
  naked_originals_.clear();
}

void ConfigureReply::clear() {
  naks_.clear();
  rejects_.clear();
  naked_originals_.clear();
}

}  // namespace pptpkit::ppp
