#include "endpoint/data_path_text.h"

#include <gtest/gtest.h>

namespace pptpkit::endpoint {
namespace {

TEST(DataPathText, NamesEveryCounterWithItsValue) {
  DataPathStats stats;
  stats.tun_no_route = 1;
  stats.tun_not_ipv4 = 2;
  stats.send_refused = 3;
  stats.spoofed_source = 4;
  stats.unroutable_from_peer = 5;
  stats.mss_clamped = 6;
  gre::DropCounters drops;
  drops.add(gre::DropReason::kUnknownCall);
  drops.add(gre::DropReason::kUnknownCall);
  drops.add(gre::DropReason::kTooOld);
  EXPECT_EQ(
      data_path_text(stats, drops),
      "tun_no_route=1 tun_not_ipv4=2 send_refused=3 spoofed_source=4 unroutable_from_peer=5 mss_clamped=6 "
      "gre_drops=3 "
      "gre_bad_header=0 gre_unknown_version=0 gre_unknown_call=2 gre_wrong_peer=0 gre_out_of_window=0 "
      "gre_duplicate=0 gre_too_old=1");
}

}  // namespace
}  // namespace pptpkit::endpoint
