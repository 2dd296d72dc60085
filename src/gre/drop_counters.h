// Why the data channel dropped a received packet, one counter per reason, in
// the spirit of the kernel's per-reason GRE/PPTP counters (DESIGN.md,
// "Decisions already taken").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pptpkit::gre {

enum class DropReason : std::uint8_t {
  kBadHeader,       // IPv4 or GRE header refused (RFC 791 3.1, RFC 2637 4.1)
  kUnknownVersion,  // GRE version with no handler registered
  kUnknownCall,     // no session has this Call ID
  kWrongPeer,       // the Call ID exists but the source is not its control connection's peer
  kOutOfWindow,     // sequence number too far ahead of what was delivered (RFC 2637 4.2.4)
  kDuplicate,       // sequence number already delivered or held
  kTooOld,          // sequence number behind the delivered ones and never delivered
};

inline constexpr std::size_t kDropReasonCount = 7;

std::string_view to_string(DropReason r);

class DropCounters {
 public:
  void add(DropReason r) { ++counts_[index(r)]; }
  std::uint64_t operator[](DropReason r) const { return counts_[index(r)]; }
  std::uint64_t total() const;

 private:
  static constexpr std::size_t index(DropReason r) { return static_cast<std::size_t>(r); }

  std::array<std::uint64_t, kDropReasonCount> counts_{};
};

}  // namespace pptpkit::gre
