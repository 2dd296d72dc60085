// Why a Link did not deliver a received frame, one counter per reason, so
// an operator can tell a misbehaving peer (malformed, unknown protocols)
// from a policy at work (plaintext under MPPE) or from loss (MPPE replay
// and sync drops, counted by MppeDrop as the MPPE engine reports them).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string_view>

#include "ppp/mppe.h"

namespace pptpkit::ppp {

enum class LinkDrop : std::uint8_t {
  kMalformedFrame,        // the PPP header does not decode (RFC 1661 2)
  kMalformedControl,      // a control packet whose Code/Identifier/Length is invalid (RFC 1661 5)
  kNotInPhase,            // a protocol the link speaks, outside its phase (RFC 1661 3.4-3.7)
  kUnknownProtocol,       // a protocol not spoken here; Protocol-Rejected if LCP is open (RFC 1661 5.7)
  kPlaintextUnderMppe,    // IP in clear while MPPE is required or running (RFC 3078 8)
  kEncryptedWithoutMppe,  // an MPPE frame while MPPE is not running
  kMppe,                  // the MPPE engine refused it; see the MppeDrop counters
  kNetworkProtocolDown,   // IP whose network control protocol is not Opened (RFC 1661 3.6)
};
inline constexpr std::size_t kLinkDropReasons = 8;

std::string_view to_string(LinkDrop d);

class LinkDropCounters {
 public:
  void count(LinkDrop reason) { ++links_[static_cast<std::size_t>(reason)]; }
  void count(MppeDrop reason) {
    count(LinkDrop::kMppe);
    ++mppe_[static_cast<std::size_t>(reason)];
  }

  std::uint64_t operator[](LinkDrop reason) const { return links_[static_cast<std::size_t>(reason)]; }
  std::uint64_t operator[](MppeDrop reason) const { return mppe_[static_cast<std::size_t>(reason)]; }
  std::uint64_t total() const { return std::accumulate(links_.begin(), links_.end(), std::uint64_t{0}); }

 private:
  std::array<std::uint64_t, kLinkDropReasons> links_{};
  std::array<std::uint64_t, kMppeDropReasons> mppe_{};
};

}  // namespace pptpkit::ppp
