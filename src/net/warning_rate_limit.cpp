#include "net/warning_rate_limit.h"

namespace pptpkit::net {

std::optional<std::uint64_t> WarningRateLimit::occurred(Timestamp now) {
  ++unreported_;
  if (last_report_ && now - *last_report_ < interval_) return std::nullopt;
  last_report_ = now;
  const std::uint64_t count = unreported_;
  unreported_ = 0;
  return count;
}

}  // namespace pptpkit::net
