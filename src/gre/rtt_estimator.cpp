#include "gre/rtt_estimator.h"

#include <algorithm>

namespace pptpkit::gre {

RttEstimator::RttEstimator(const RttConfig& config)
    : config_(config), rtt_(config.packet_processing_delay), timeout_(bounded(rtt_)) {}

void RttEstimator::on_sample(Duration sample) {
  const Duration diff = sample - rtt_;
  deviation_ += (std::chrono::abs(diff) - deviation_) / 4;  // beta = 1/4
  rtt_ += diff / 8;                                         // alpha = 1/8
  timeout_ = bounded(rtt_ + 4 * deviation_);                // chi = 4
}

void RttEstimator::on_timeout() { timeout_ = bounded(2 * timeout_); }

Duration RttEstimator::bounded(Duration ato) const {
  const Duration floor = std::max(config_.min_timeout, config_.packet_processing_delay);
  return std::clamp(ato, std::min(floor, config_.max_timeout), config_.max_timeout);
}

}  // namespace pptpkit::gre
