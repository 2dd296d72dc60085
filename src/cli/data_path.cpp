#include "cli/data_path.h"

#include "cli/options.h"

namespace pptpkit::cli {

void add_data_path_options(CLI::App& app, DataPathSettings& target) {
  app.add_option("--mss-clamp", target.mss_clamp,
                 "Lower the MSS of TCP SYNs crossing a session to what its MTU carries: true or false")
      ->default_str(target.mss_clamp ? "true" : "false");
  app.add_option("--mru", target.mru, "The MRU asked of the peer: the largest PPP frame it may send us")
      ->capture_default_str()
      ->check(CLI::Range(576, 65535));
  add_duration_option(app, "--lcp-echo-interval", target.keepalive.interval,
                      "LCP Echo-Request interval; 0 turns the PPP keep-alive off (default 30s)", true);
  app.add_option("--lcp-echo-failure", target.keepalive.max_failures,
                 "Consecutive unanswered LCP Echo-Requests before the link is declared dead")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
}

}  // namespace pptpkit::cli
