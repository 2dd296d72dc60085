#include "net/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace pptpkit::net {

socklen_t to_sockaddr(const gre::IpAddress& address, sockaddr_storage& out) {
  out = sockaddr_storage{};
  switch (address.family()) {
    case gre::IpAddress::Family::kIpv4: {
      auto& in = reinterpret_cast<sockaddr_in&>(out);
      in.sin_family = AF_INET;
      std::memcpy(&in.sin_addr, address.octets().data(), sizeof in.sin_addr);
      return sizeof in;
    }
    case gre::IpAddress::Family::kIpv6: {
      auto& in6 = reinterpret_cast<sockaddr_in6&>(out);
      in6.sin6_family = AF_INET6;
      std::memcpy(&in6.sin6_addr, address.octets().data(), sizeof in6.sin6_addr);
      return sizeof in6;
    }
    case gre::IpAddress::Family::kNone:
      break;
  }
  return 0;
}

gre::IpAddress from_sockaddr(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return gre::IpAddress::v4(ntohl(reinterpret_cast<const sockaddr_in&>(address).sin_addr.s_addr));
  }
  if (address.ss_family == AF_INET6) {
    gre::IpAddress::Octets octets{};
    std::memcpy(octets.data(), &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, octets.size());
    return gre::IpAddress::v6(octets);
  }
  return {};
}

std::string to_string(const gre::IpAddress& address) {
  const int family = address.family() == gre::IpAddress::Family::kIpv4   ? AF_INET
                     : address.family() == gre::IpAddress::Family::kIpv6 ? AF_INET6
                                                                         : AF_UNSPEC;
  char text[INET6_ADDRSTRLEN] = {};
  if (family == AF_UNSPEC || inet_ntop(family, address.octets().data(), text, sizeof text) == nullptr)
    return "none";
  return text;
}

}  // namespace pptpkit::net
