// The data-path settings both programs take, server and client alike
// (docs/configuration.md): TCP MSS clamping, the MRU we ask for and the LCP
// keep-alive. Registered once so the flags, keys and defaults agree.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>

#include "ppp/keepalive.h"
#include "ppp/lcp_options.h"

namespace pptpkit::cli {

struct DataPathSettings {
  bool mss_clamp = true;
  std::uint16_t mru = ppp::LcpConfig{}.mru;
  // 30s and 4, as Debian's /etc/ppp/options sets pppd (whose own default is off).
  ppp::KeepaliveConfig keepalive{};
};

// --mss-clamp true|false, --mru N, --lcp-echo-interval DURATION (0 turns
// echoes off), --lcp-echo-failure N.
void add_data_path_options(CLI::App& app, DataPathSettings& target);

// Into an endpoint::ServerConfig or endpoint::ClientConfig.
template <class EndpointConfig>
void apply(const DataPathSettings& settings, EndpointConfig& config) {
  config.mss_clamp = settings.mss_clamp;
  config.link.lcp.mru = settings.mru;
  config.link.keepalive = settings.keepalive;
}

}  // namespace pptpkit::cli
