#include "endpoint/ipv4_text.h"

#include <fmt/format.h>

namespace pptpkit::endpoint {

std::string ipv4_text(std::uint32_t address) {
  return fmt::format("{}.{}.{}.{}", address >> 24, (address >> 16) & 0xFF, (address >> 8) & 0xFF,
                     address & 0xFF);
}

}  // namespace pptpkit::endpoint
