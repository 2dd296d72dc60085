#include "net/config_error.h"

#include <cerrno>
#include <cstring>

namespace pptpkit::net {

std::string to_string(const ConfigError& e) {
  std::string text = e.attempted + ": " + std::strerror(e.code);
  if (!e.kernel_message.empty()) text += " (" + e.kernel_message + ")";
  if (e.code == EPERM || e.code == EACCES) {
    text += " (TUN devices and network configuration need CAP_NET_ADMIN: run as root or grant it)";
  }
  return text;
}

}  // namespace pptpkit::net
