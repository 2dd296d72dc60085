// Dotted-quad text of a host-order IPv4 address, for log lines and reasons.
#pragma once

#include <cstdint>
#include <string>

namespace pptpkit::endpoint {

std::string ipv4_text(std::uint32_t address);

}  // namespace pptpkit::endpoint
