// gre_peer's command line: which calls to run, how much to send, and which
// mode (the real data channel, the underlay baseline, or bad traffic).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "gre/ip_address.h"

namespace pptpkit::e2e {

enum class Mode : std::uint8_t {
  kChannel,  // gre::Channel per call behind a gre::Demux: the system under test
  kRaw,      // the same packets built and checked without Channel or Demux: the baseline
  kBad,      // unknown Call ID, right Call ID from this (wrong) peer, GRE version 0
};

struct CallSpec {
  std::uint16_t local_call_id = 0;  // ours: what the peer writes in the Key
  std::uint16_t peer_call_id = 0;   // the peer's: what we write
  gre::IpAddress peer_address;      // IPv4 or IPv6; every call's of the same family
};

struct Options {
  Mode mode = Mode::kChannel;
  std::optional<gre::IpAddress> local_address;  // of the calls' family
  // Every packet's source (IP_PKTINFO / IPV6_PKTINFO), of the calls' family.
  std::optional<gre::IpAddress> source_address;
  std::vector<CallSpec> calls;
  std::uint64_t count = 100;  // payloads to send per call
  std::uint64_t expect = 0;   // payloads expected per call before exiting early (0: run the whole duration)
  std::size_t size = 64;      // payload octets
  double rate = 100;          // payloads per second per call; 0 is as fast as possible
  double duration = 5;        // seconds: the run's hard bound
  double send_for = 0;        // stop sending after this many seconds (0: duration)
  bool sync = false;          // print "ready", wait for a line on stdin before sending
  unsigned bad_count = 10;    // kBad: packets of each kind
  std::uint16_t unknown_call = 0;  // kBad: a Call ID the target has no call for
};

// Parses argv; exits the process with CLI11's message on a usage error.
Options parse_options(int argc, char** argv);

}  // namespace pptpkit::e2e
