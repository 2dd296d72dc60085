// A failed system call: which call and errno. net/ is the only layer that
// makes syscalls, so this is the only error type that carries an errno.
#pragma once

#include <string>
#include <string_view>

namespace pptpkit::net {

struct SystemError {
  std::string_view call;  // e.g. "socket(AF_INET, SOCK_RAW, IPPROTO_GRE)"
  int code = 0;           // errno

  bool operator==(const SystemError&) const = default;
};

// "<call>: <strerror>", plus what to do about it where that is known (a raw
// socket without CAP_NET_RAW).
std::string to_string(const SystemError& e);

}  // namespace pptpkit::net
