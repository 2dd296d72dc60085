#include "gre/drop_counters.h"

#include <numeric>

namespace pptpkit::gre {

std::string_view to_string(DropReason r) {
  switch (r) {
    case DropReason::kBadHeader:
      return "bad header";
    case DropReason::kUnknownVersion:
      return "unknown GRE version";
    case DropReason::kUnknownCall:
      return "unknown call";
    case DropReason::kWrongPeer:
      return "wrong peer";
    case DropReason::kOutOfWindow:
      return "out of window";
    case DropReason::kDuplicate:
      return "duplicate";
    case DropReason::kTooOld:
      return "too old";
  }
  return "unknown drop reason";
}

std::uint64_t DropCounters::total() const {
  return std::accumulate(counts_.begin(), counts_.end(), std::uint64_t{0});
}

}  // namespace pptpkit::gre
