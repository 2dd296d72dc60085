#include "net/netlink_socket.h"

#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <utility>

namespace pptpkit::net {
namespace {

// The kernel always answers a request with NLM_F_ACK; the bound is for a
// kernel too busy to, so set-up fails instead of hanging.
constexpr timeval kAnswerTimeout{.tv_sec = 5, .tv_usec = 0};

Unexpected<ConfigError> fail(std::string attempted, int code, std::string kernel_message = {}) {
  return Unexpected(ConfigError{
      .attempted = std::move(attempted), .code = code, .kernel_message = std::move(kernel_message)});
}

// One exchange's state, shared by mnl_cb_run2's callbacks (they get one
// data pointer between them): the caller's reply handler and what the
// NLMSG_ERROR callback found, errno and the extended-ack text.
struct Exchange {
  mnl_cb_t on_reply = nullptr;
  void* reply_data = nullptr;
  int code = 0;
  std::string kernel_message;
};

int on_reply_message(const nlmsghdr* message, void* data) {
  auto& exchange = *static_cast<Exchange*>(data);
  if (exchange.on_reply == nullptr) return MNL_CB_OK;
  const int result = exchange.on_reply(message, exchange.reply_data);
  if (result == MNL_CB_ERROR) exchange.code = EBADMSG;
  return result;
}

int on_ack_attribute(const nlattr* attribute, void* data) {
  if (mnl_attr_get_type(attribute) == NLMSGERR_ATTR_MSG &&
      mnl_attr_validate(attribute, MNL_TYPE_NUL_STRING) == 0) {
    static_cast<Exchange*>(data)->kernel_message = mnl_attr_get_str(attribute);
  }
  return MNL_CB_OK;
}

// NLMSG_ERROR is both the acknowledgment (error 0) and the failure report
// (negated errno), followed by extended-ack attributes when NLM_F_ACK_TLVS
// is set: after the error and the echoed request header (NETLINK_CAP_ACK
// leaves the request's payload out).
int on_error_message(const nlmsghdr* message, void* data) {
  auto& answer = *static_cast<Exchange*>(data);
  if (message->nlmsg_len < mnl_nlmsg_size(sizeof(nlmsgerr))) {
    answer.code = EBADMSG;
    return MNL_CB_ERROR;
  }
  const auto* error = static_cast<const nlmsgerr*>(mnl_nlmsg_get_payload(message));
  if (error->error == 0) return MNL_CB_STOP;
  answer.code = -error->error;
  if ((message->nlmsg_flags & NLM_F_ACK_TLVS) != 0) {
    unsigned offset = sizeof(nlmsgerr);
    if ((message->nlmsg_flags & NLM_F_CAPPED) == 0)
      offset += error->msg.nlmsg_len - static_cast<unsigned>(sizeof(nlmsghdr));
    if (offset < message->nlmsg_len) (void)mnl_attr_parse(message, offset, on_ack_attribute, &answer);
  }
  return MNL_CB_ERROR;
}

int on_done(const nlmsghdr*, void*) { return MNL_CB_STOP; }

}  // namespace

Result<NetlinkSocket, ConfigError> NetlinkSocket::create() {
  mnl_socket* socket = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
  if (socket == nullptr) return fail("open a NETLINK_ROUTE socket", errno);
  NetlinkSocket s(socket);
  if (mnl_socket_bind(socket, 0, MNL_SOCKET_AUTOPID) < 0) return fail("bind the NETLINK_ROUTE socket", errno);
  s.port_id_ = mnl_socket_get_portid(socket);
  // Extended acks are a bonus (kernels since 4.12): no failure when refused.
  int on = 1;
  (void)mnl_socket_setsockopt(socket, NETLINK_EXT_ACK, &on, sizeof on);
  (void)mnl_socket_setsockopt(socket, NETLINK_CAP_ACK, &on, sizeof on);
  if (setsockopt(mnl_socket_get_fd(socket), SOL_SOCKET, SO_RCVTIMEO, &kAnswerTimeout,
                 sizeof kAnswerTimeout) != 0) {
    return fail("set the NETLINK_ROUTE socket's receive timeout", errno);
  }
  return s;
}

NetlinkSocket::NetlinkSocket(mnl_socket* socket) : socket_(socket) {}

NetlinkSocket::NetlinkSocket(NetlinkSocket&& other) noexcept
    : socket_(std::exchange(other.socket_, nullptr)), port_id_(other.port_id_), sequence_(other.sequence_) {}

NetlinkSocket& NetlinkSocket::operator=(NetlinkSocket&& other) noexcept {
  if (this != &other) {
    if (socket_ != nullptr) mnl_socket_close(socket_);
    socket_ = std::exchange(other.socket_, nullptr);
    port_id_ = other.port_id_;
    sequence_ = other.sequence_;
  }
  return *this;
}

NetlinkSocket::~NetlinkSocket() {
  if (socket_ != nullptr) mnl_socket_close(socket_);
}

nlmsghdr* NetlinkSocket::begin(std::uint16_t type, std::uint16_t flags) {
  nlmsghdr* message = mnl_nlmsg_put_header(buffer_.data());
  message->nlmsg_type = type;
  message->nlmsg_flags = static_cast<std::uint16_t>(NLM_F_REQUEST | NLM_F_ACK | flags);
  message->nlmsg_seq = ++sequence_;
  return message;
}

Status<ConfigError> NetlinkSocket::exchange(const nlmsghdr* request, std::string attempted, mnl_cb_t on_reply,
                                            void* reply_data) {
  if (mnl_socket_sendto(socket_, request, request->nlmsg_len) < 0) return fail(std::move(attempted), errno);
  Exchange exchange{.on_reply = on_reply, .reply_data = reply_data, .code = 0, .kernel_message = {}};
  std::array<mnl_cb_t, NLMSG_MIN_TYPE> control{};
  control[NLMSG_ERROR] = on_error_message;
  control[NLMSG_DONE] = on_done;
  // Replies (if any) come before the acknowledgment; a datagram without it
  // leaves mnl_cb_run2 at MNL_CB_OK. Each wait is bounded by SO_RCVTIMEO.
  for (;;) {
    const ssize_t received = mnl_socket_recvfrom(socket_, buffer_.data(), buffer_.size());
    if (received < 0) return fail(std::move(attempted) + " (no answer from the kernel)", errno);
    const int result = mnl_cb_run2(buffer_.data(), static_cast<std::size_t>(received), request->nlmsg_seq,
                                   port_id_, on_reply_message, &exchange, control.data(), control.size());
    if (result == MNL_CB_STOP) break;
    if (result == MNL_CB_ERROR) {
      // No code from the kernel: libmnl refused the datagram (wrong sequence
      // or port: ESRCH, EPROTO) and said why in errno.
      const int code = exchange.code != 0 ? exchange.code : errno;
      return fail(std::move(attempted), code, std::move(exchange.kernel_message));
    }
  }
  return {};
}

}  // namespace pptpkit::net
