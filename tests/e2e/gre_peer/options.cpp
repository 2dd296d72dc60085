#include "options.h"

#include <arpa/inet.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <map>
#include <string>

namespace pptpkit::e2e {
namespace {

std::uint32_t parse_ipv4(const std::string& text) {
  in_addr address{};
  if (inet_pton(AF_INET, text.c_str(), &address) != 1)
    throw CLI::ValidationError("not an IPv4 address: " + text);
  return ntohl(address.s_addr);
}

std::uint16_t parse_call_id(const std::string& text) {
  const unsigned long value = std::stoul(text);
  if (value > 0xFFFF) throw CLI::ValidationError("Call ID out of range: " + text);
  return static_cast<std::uint16_t>(value);
}

// LOCAL:PEER:ADDRESS, e.g. 100:200:192.0.2.20
CallSpec parse_call(const std::string& text) {
  const auto first = text.find(':');
  const auto second = text.find(':', first + 1);
  if (first == std::string::npos || second == std::string::npos)
    throw CLI::ValidationError("--call wants LOCAL:PEER:ADDRESS, got " + text);
  return CallSpec{parse_call_id(text.substr(0, first)),
                  parse_call_id(text.substr(first + 1, second - first - 1)),
                  parse_ipv4(text.substr(second + 1))};
}

}  // namespace

Options parse_options(int argc, char** argv) {
  Options options;
  CLI::App app{"gre_peer: PPTP data channels over a raw GRE socket, for end-to-end tests and throughput"};
  const std::map<std::string, Mode> modes{
      {"channel", Mode::kChannel}, {"raw", Mode::kRaw}, {"bad", Mode::kBad}};
  app.add_option("--mode", options.mode, "channel, raw (underlay baseline) or bad")
      ->transform(CLI::CheckedTransformer(modes));
  std::string local;
  app.add_option("--local", local, "bind the raw socket to this IPv4 address");
  std::vector<std::string> calls;
  app.add_option("--call", calls, "LOCAL:PEER:ADDRESS (repeatable)")->required();
  app.add_option("--count", options.count, "payloads to send per call");
  app.add_option("--expect", options.expect, "exit once every call received this many");
  app.add_option("--size", options.size, "payload octets")->check(CLI::Range(16, 65000));
  app.add_option("--rate", options.rate, "payloads per second per call (0: full speed)");
  app.add_option("--duration", options.duration, "seconds the run lasts at most")
      ->check(CLI::Range(0.1, 600.0));
  app.add_option("--send-for", options.send_for, "seconds to send for (default: the duration)");
  app.add_flag("--sync", options.sync, "print ready, wait for a line on stdin before sending");
  app.add_option("--bad-count", options.bad_count, "bad mode: packets of each kind");
  app.add_option("--unknown-call", options.unknown_call, "bad mode: a Call ID the target does not have");
  try {
    app.parse(argc, argv);
    if (!local.empty()) options.local_address = parse_ipv4(local);
    for (const auto& call : calls) options.calls.push_back(parse_call(call));
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e));
  } catch (const std::exception& e) {
    std::exit(app.exit(CLI::ValidationError(e.what())));
  }
  return options;
}

}  // namespace pptpkit::e2e
