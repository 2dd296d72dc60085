// `pptpkit probe`: one control connection to any PPTP server, the
// Start-Control-Connection exchange, optionally one outgoing call, then an
// orderly close (RFC 2637 sections 3.1 and 3.2.1), reported as ProbeReport.
#pragma once

#include <asio/ip/tcp.hpp>
#include <chrono>

#include "base/time.h"
#include "net/logging.h"
#include "tools/probe_report.h"

namespace pptpkit::tools {

struct ProbeOptions {
  asio::ip::tcp::endpoint server{};
  bool call = false;  // place an Outgoing-Call-Request once the tunnel is up
  bool json = false;
  // The whole wait for TCP, the reply to our request and the call's reply.
  Duration timeout = std::chrono::seconds(10);
  net::LogSettings log{.level = spdlog::level::err};
};

ProbeReport run_probe(const ProbeOptions& options);

}  // namespace pptpkit::tools
