#include "net/clock.h"

namespace pptpkit::net {

Timestamp now() {
  return std::chrono::duration_cast<Timestamp>(std::chrono::steady_clock::now().time_since_epoch());
}

std::chrono::steady_clock::time_point to_time_point(Timestamp t) {
  return std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(t));
}

}  // namespace pptpkit::net
