// One configuration option as text in pppd's debug-log style, e.g.
// `<mru 1400>`, `<magic 0x12345678>`, `<auth chap MS-v2>`, `<addr 10.0.0.1>`,
// `<mppe +H -M +S -L -D -C>`.
#pragma once

#include <cstdint>
#include <string>

#include "base/bytes.h"

namespace pptpkit::wire {

// `value` is the option's Data (after Type and Length) of control protocol
// `protocol` (kPppLcp, kPppIpcp, kPppIpv6cp, kPppCcp or kPppCbcp). An option
// whose value does not fit its type prints as `<mru invalid 05>`, an unknown
// one as `<option 42 0a0b>`: logs show what arrived rather than nothing.
std::string format_option(std::uint16_t protocol, std::uint8_t type, Bytes value);

}  // namespace pptpkit::wire
