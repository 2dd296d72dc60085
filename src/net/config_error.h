// A failed network-configuration step: creating a TUN device or a netlink
// request. Unlike SystemError (the data path's, which must not allocate) it
// says in words what was attempted, with the device and addresses involved,
// so an operator can tell which of a dozen set-up steps failed and why.
#pragma once

#include <string>

namespace pptpkit::net {

struct ConfigError {
  std::string attempted;       // e.g. "add address 198.18.0.1 peer 198.18.0.2/32 on pptp0"
  int code = 0;                // errno (netlink: the negated nlmsgerr.error)
  std::string kernel_message;  // the kernel's extended-ack text, when it gave one
};

// "<attempted>: <strerror> (<kernel message>)", plus what to do about it where
// that is known (EPERM: CAP_NET_ADMIN).
std::string to_string(const ConfigError& e);

}  // namespace pptpkit::net
