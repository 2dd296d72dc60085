// The peer address the demux checks GRE against. IPv4 today; the storage
// holds 16 octets so IPv6 can be added without changing the demux table.
#pragma once

#include <array>
#include <cstdint>

namespace pptpkit::gre {

class IpAddress {
 public:
  enum class Family : std::uint8_t { kNone, kIpv4 };

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

  bool operator==(const IpAddress&) const = default;

 private:
  std::array<std::uint8_t, 16> octets_{};
  Family family_ = Family::kNone;
};

}  // namespace pptpkit::gre
