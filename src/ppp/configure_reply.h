// The answer to a peer's Configure-Request under construction (RFC 1661
// 5.2-5.4). Option handlers say, option by option, what they cannot accept;
// the automaton then sends a Configure-Reject if anything was rejected, else
// a Configure-Nak if anything was naked, else a Configure-Ack echoing the
// request unchanged.
#pragma once

#include <cstdint>
#include <vector>

#include "base/bytes.h"
#include "wire/ppp_options.h"

namespace pptpkit::ppp {

class ConfigureReply {
 public:
  // RFC 1661 5.3: the option is understood but its value is not acceptable;
  // `suggested_value` is what we would accept instead.
  void nak(const wire::PppOption& option, Bytes suggested_value);
  // RFC 1661 5.3: asks for an option the peer did not include ("Options which
  // were not present in the Configure-Request MAY be included").
  void suggest(std::uint8_t type, Bytes value);
  // RFC 1661 5.4: the option is not recognized or not acceptable at all; it
  // is sent back unmodified.
  void reject(const wire::PppOption& option);

  bool has_rejects() const { return !rejects_.empty(); }
  bool has_naks() const { return !naks_.empty(); }
  Bytes rejects() const { return rejects_; }
  Bytes naks() const { return naks_; }

  // RFC 1661 4.6 Max-Failure: once the peer ignored enough Naks, what would
  // have been naked is rejected and what was only suggested is dropped.
  void naks_become_rejects();
  // The Naks alone are sent (LCP's answer to what may be its own request
  // looped back, RFC 1661 6.4).
  void withdraw_rejects() { rejects_.clear(); }

  void clear();

 private:
  std::vector<std::uint8_t> naks_;
  std::vector<std::uint8_t> rejects_;
  std::vector<std::uint8_t> naked_originals_;
};

}  // namespace pptpkit::ppp
