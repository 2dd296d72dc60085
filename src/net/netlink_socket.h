// A NETLINK_ROUTE socket that runs one request at a time: build the message
// in begin()'s buffer, exchange() sends it and waits for the kernel's
// answer (any reply messages, then the acknowledgment or the error). The
// kernel's extended-ack text ("Invalid prefix for given prefix length") is
// kept in the error, since errno alone (EINVAL) rarely says what was wrong.
// Used by net::Netlink; not part of the data path.
#pragma once

#include <libmnl/libmnl.h>

#include <array>
#include <cstdint>
#include <string>

#include "base/result.h"
#include "net/config_error.h"

namespace pptpkit::net {

class NetlinkSocket {
 public:
  static Result<NetlinkSocket, ConfigError> create();

  NetlinkSocket(NetlinkSocket&& other) noexcept;
  NetlinkSocket& operator=(NetlinkSocket&& other) noexcept;
  NetlinkSocket(const NetlinkSocket&) = delete;
  NetlinkSocket& operator=(const NetlinkSocket&) = delete;
  ~NetlinkSocket();

  // Starts a request of `type` with NLM_F_REQUEST | NLM_F_ACK | `flags` and
  // a fresh sequence number in the socket's buffer; valid until exchange().
  nlmsghdr* begin(std::uint16_t type, std::uint16_t flags);

  // Sends `request` (from begin()) and waits for its acknowledgment, at
  // most a few seconds. `on_reply` (may be null) sees every reply message
  // before it, as mnl_cb_run does. An error carries `attempted`.
  Status<ConfigError> exchange(const nlmsghdr* request, std::string attempted, mnl_cb_t on_reply = nullptr,
                               void* reply_data = nullptr);

 private:
  explicit NetlinkSocket(mnl_socket* socket);

  // Large enough for any request here and any answer to one (a route, an
  // error with its extended-ack text), like MNL_SOCKET_BUFFER_SIZE.
  static constexpr std::size_t kBufferSize = 8192;

  mnl_socket* socket_ = nullptr;
  unsigned port_id_ = 0;
  unsigned sequence_ = 0;
  std::array<char, kBufferSize> buffer_{};
};

}  // namespace pptpkit::net
