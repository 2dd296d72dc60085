// The peer address the demux checks GRE against: IPv4 or IPv6, compared as a
// whole (family and all 16 octets), so an IPv4 peer never matches an IPv6
// source, not even an IPv4-mapped one (a call's control connection and its
// GRE use the same family).
#pragma once

#include <array>
#include <cstdint>

namespace pptpkit::gre {

class IpAddress {
 public:
  enum class Family : std::uint8_t { kNone, kIpv4, kIpv6 };
  // IPv4 uses the first 4 octets, IPv6 all 16, in network order.
  using Octets = std::array<std::uint8_t, 16>;

  IpAddress() = default;

  // An IPv4 address in host order, as wire::Ipv4Header holds it.
  static constexpr IpAddress v4(std::uint32_t address) {
    IpAddress a;
    a.family_ = Family::kIpv4;
    a.octets_[0] = static_cast<std::uint8_t>(address >> 24);
    a.octets_[1] = static_cast<std::uint8_t>(address >> 16);
    a.octets_[2] = static_cast<std::uint8_t>(address >> 8);
    a.octets_[3] = static_cast<std::uint8_t>(address);
    return a;
  }

  // An IPv6 address in network order, as sockaddr_in6 holds it.
  static constexpr IpAddress v6(const Octets& octets) {
    IpAddress a;
    a.family_ = Family::kIpv6;
    a.octets_ = octets;
    return a;
  }

  constexpr Family family() const { return family_; }
  constexpr const Octets& octets() const { return octets_; }

  bool operator==(const IpAddress&) const = default;

 private:
  Octets octets_{};
  Family family_ = Family::kNone;
};

}  // namespace pptpkit::gre
