// gre::IpAddress to and from the sockaddr the socket calls take, for both
// families: one conversion for bind, sendmmsg destinations and recvmmsg
// sources.
#pragma once

#include <sys/socket.h>

#include <string>

#include "gre/ip_address.h"

namespace pptpkit::net {

// Writes `address` as a sockaddr_in or sockaddr_in6 (port 0) and returns its
// length; 0 for an address of no family.
socklen_t to_sockaddr(const gre::IpAddress& address, sockaddr_storage& out);

// The address in a sockaddr_in or sockaddr_in6; of no family otherwise.
gre::IpAddress from_sockaddr(const sockaddr_storage& address);

// "192.0.2.1" or "2001:db8::1" (inet_ntop), for log lines; "none" for an
// address of no family.
std::string to_string(const gre::IpAddress& address);

}  // namespace pptpkit::net
