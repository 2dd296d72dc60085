#include "net/system_error.h"

#include <cerrno>
#include <cstring>

namespace pptpkit::net {

std::string to_string(const SystemError& e) {
  std::string text(e.call);
  text += ": ";
  text += std::strerror(e.code);
  if (e.code == EPERM || e.code == EACCES) {
    text +=
        " (raw IPPROTO_GRE sockets need CAP_NET_RAW: run as root or grant it with "
        "`setcap cap_net_raw+ep <program>`)";
  }
  return text;
}

}  // namespace pptpkit::net
