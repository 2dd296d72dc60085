#include "endpoint/data_path_text.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace pptpkit::endpoint {

std::string data_path_text(const DataPathStats& stats, const gre::DropCounters& drops) {
  using gre::DropReason;
  static constexpr std::array<std::pair<DropReason, const char*>, gre::kDropReasonCount> kDropKeys{{
      {DropReason::kBadHeader, "gre_bad_header"},
      {DropReason::kUnknownVersion, "gre_unknown_version"},
      {DropReason::kUnknownCall, "gre_unknown_call"},
      {DropReason::kWrongPeer, "gre_wrong_peer"},
      {DropReason::kOutOfWindow, "gre_out_of_window"},
      {DropReason::kDuplicate, "gre_duplicate"},
      {DropReason::kTooOld, "gre_too_old"},
  }};
  std::string text = fmt::format(
      "tun_no_route={} tun_not_ipv4={} send_refused={} spoofed_source={} unroutable_from_peer={} "
      "mss_clamped={} gre_drops={}",
      stats.tun_no_route, stats.tun_not_ipv4, stats.send_refused, stats.spoofed_source,
      stats.unroutable_from_peer, stats.mss_clamped, drops.total());
  for (const auto& [reason, key] : kDropKeys) text += fmt::format(" {}={}", key, drops[reason]);
  return text;
}

}  // namespace pptpkit::endpoint
