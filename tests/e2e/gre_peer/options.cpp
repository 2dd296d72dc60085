#include "options.h"

#include <arpa/inet.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>

namespace pptpkit::e2e {
namespace {

// 192.0.2.20, or an IPv6 address with or without brackets: ::1, [::1].
gre::IpAddress parse_address(const std::string& text) {
  const bool bracketed = text.size() > 2 && text.front() == '[' && text.back() == ']';
  const std::string bare = bracketed ? text.substr(1, text.size() - 2) : text;
  in_addr v4{};
  if (!bracketed && inet_pton(AF_INET, bare.c_str(), &v4) == 1) return gre::IpAddress::v4(ntohl(v4.s_addr));
  gre::IpAddress::Octets v6{};
  if (inet_pton(AF_INET6, bare.c_str(), v6.data()) == 1) return gre::IpAddress::v6(v6);
  throw CLI::ValidationError("not an IPv4 or IPv6 address: " + text);
}

// One socket serves every call, so all addresses share its family.
void check_one_family(const Options& options) {
  const auto family = options.calls.front().peer_address.family();
  const bool mixed =
      std::any_of(options.calls.begin(), options.calls.end(),
                  [&](const CallSpec& call) { return call.peer_address.family() != family; }) ||
      (options.local_address && options.local_address->family() != family) ||
      (options.source_address && options.source_address->family() != family);
  if (mixed)
    throw CLI::ValidationError("--call, --local and --source addresses must all be IPv4 or all IPv6");
}

std::uint16_t parse_call_id(const std::string& text) {
  const unsigned long value = std::stoul(text);
  if (value > 0xFFFF) throw CLI::ValidationError("Call ID out of range: " + text);
  return static_cast<std::uint16_t>(value);
}

// LOCAL:PEER:ADDRESS, e.g. 100:200:192.0.2.20 or 100:200:[::1]
CallSpec parse_call(const std::string& text) {
  const auto first = text.find(':');
  const auto second = text.find(':', first + 1);
  if (first == std::string::npos || second == std::string::npos)
    throw CLI::ValidationError("--call wants LOCAL:PEER:ADDRESS, got " + text);
  return CallSpec{parse_call_id(text.substr(0, first)),
                  parse_call_id(text.substr(first + 1, second - first - 1)),
                  parse_address(text.substr(second + 1))};
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
  app.add_option("--local", local, "bind the raw socket to this address (IPv4, or IPv6 as ::1 or [::1])");
  std::string source;
  app.add_option("--source", source, "send every packet from this local address (IP_PKTINFO / IPV6_PKTINFO)");
  std::vector<std::string> calls;
  app.add_option("--call", calls, "LOCAL:PEER:ADDRESS, IPv6 in brackets (repeatable)")->required();
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
    if (!local.empty()) options.local_address = parse_address(local);
    if (!source.empty()) options.source_address = parse_address(source);
    for (const auto& call : calls) options.calls.push_back(parse_call(call));
    check_one_family(options);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e));
  } catch (const std::exception& e) {
    std::exit(app.exit(CLI::ValidationError(e.what())));
  }
  return options;
}

}  // namespace pptpkit::e2e
