#include "net/netlink.h"

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <cerrno>
#include <string>

namespace pptpkit::net {
namespace {

unsigned char family_of(const asio::ip::address& address) { return address.is_v4() ? AF_INET : AF_INET6; }

std::uint8_t full_prefix(const asio::ip::address& address) { return address.is_v4() ? 32 : 128; }

void put_address(nlmsghdr* message, std::uint16_t type, const asio::ip::address& address) {
  if (address.is_v4()) {
    const auto octets = address.to_v4().to_bytes();
    mnl_attr_put(message, type, octets.size(), octets.data());
  } else {
    const auto octets = address.to_v6().to_bytes();
    mnl_attr_put(message, type, octets.size(), octets.data());
  }
}

std::optional<asio::ip::address> get_address(const nlattr* attribute) {
  const auto length = mnl_attr_get_payload_len(attribute);
  const auto* octets = static_cast<const unsigned char*>(mnl_attr_get_payload(attribute));
  if (length == 4) {
    asio::ip::address_v4::bytes_type v4;
    std::copy(octets, octets + 4, v4.begin());
    return asio::ip::address(asio::ip::address_v4(v4));
  }
  if (length == 16) {
    asio::ip::address_v6::bytes_type v6;
    std::copy(octets, octets + 16, v6.begin());
    return asio::ip::address(asio::ip::address_v6(v6));
  }
  return std::nullopt;
}

// "pptp0 (index 7)", or just the index once the device is gone.
std::string link_text(unsigned ifindex) {
  char name[IF_NAMESIZE] = {};
  std::string text = if_indextoname(ifindex, name) != nullptr ? std::string(name) + " " : std::string();
  return text + "(index " + std::to_string(ifindex) + ")";
}

std::string prefix_text(const asio::ip::address& address, std::uint8_t prefix_length) {
  return address.to_string() + "/" + std::to_string(prefix_length);
}

Unexpected<ConfigError> mixed_families(std::string attempted) {
  return Unexpected(ConfigError{.attempted = attempted + " (the addresses are of different families)",
                                .code = EINVAL,
                                .kernel_message = {}});
}

void put_link_header(nlmsghdr* message, unsigned ifindex, unsigned change, unsigned flags) {
  auto* link = static_cast<ifinfomsg*>(mnl_nlmsg_put_extra_header(message, sizeof(ifinfomsg)));
  link->ifi_family = AF_UNSPEC;
  link->ifi_index = static_cast<int>(ifindex);
  link->ifi_change = change;
  link->ifi_flags = flags;
}

int on_route_attribute(const nlattr* attribute, void* data) {
  auto& lookup = *static_cast<RouteLookup*>(data);
  switch (mnl_attr_get_type(attribute)) {
    case RTA_OIF:
      if (mnl_attr_validate(attribute, MNL_TYPE_U32) == 0) lookup.ifindex = mnl_attr_get_u32(attribute);
      break;
    case RTA_GATEWAY:
      lookup.gateway = get_address(attribute);
      break;
    case RTA_PREFSRC:
      lookup.preferred_source = get_address(attribute);
      break;
    default:
      break;
  }
  return MNL_CB_OK;
}

int on_route_reply(const nlmsghdr* message, void* data) {
  if (message->nlmsg_type != RTM_NEWROUTE) return MNL_CB_OK;
  return mnl_attr_parse(message, sizeof(rtmsg), on_route_attribute, data);
}

}  // namespace

Result<Netlink, ConfigError> Netlink::create() {
  auto socket = NetlinkSocket::create();
  if (!socket) return Unexpected(socket.error());
  return Netlink(std::move(*socket));
}

Status<ConfigError> Netlink::set_link_up(unsigned ifindex, bool up) {
  nlmsghdr* message = socket_.begin(RTM_NEWLINK, 0);
  put_link_header(message, ifindex, IFF_UP, up ? IFF_UP : 0);
  return socket_.exchange(message, std::string(up ? "set link up " : "set link down ") + link_text(ifindex));
}

Status<ConfigError> Netlink::set_mtu(unsigned ifindex, std::uint32_t mtu) {
  nlmsghdr* message = socket_.begin(RTM_NEWLINK, 0);
  put_link_header(message, ifindex, 0, 0);
  mnl_attr_put_u32(message, IFLA_MTU, mtu);
  return socket_.exchange(message, "set MTU " + std::to_string(mtu) + " on " + link_text(ifindex));
}

Status<ConfigError> Netlink::set_txqueuelen(unsigned ifindex, std::uint32_t packets) {
  nlmsghdr* message = socket_.begin(RTM_NEWLINK, 0);
  put_link_header(message, ifindex, 0, 0);
  mnl_attr_put_u32(message, IFLA_TXQLEN, packets);
  return socket_.exchange(message, "set txqueuelen " + std::to_string(packets) + " on " + link_text(ifindex));
}

Status<ConfigError> Netlink::disable_ipv6_autoconfiguration(unsigned ifindex) {
  nlmsghdr* message = socket_.begin(RTM_NEWLINK, 0);
  put_link_header(message, ifindex, 0, 0);
  nlattr* af_spec = mnl_attr_nest_start(message, IFLA_AF_SPEC);
  nlattr* inet6 = mnl_attr_nest_start(message, AF_INET6);
  mnl_attr_put_u8(message, IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE);
  mnl_attr_nest_end(message, inet6);
  mnl_attr_nest_end(message, af_spec);
  return socket_.exchange(message, "disable IPv6 address generation on " + link_text(ifindex));
}

Status<ConfigError> Netlink::add_address(unsigned ifindex, const InterfaceAddress& address) {
  return change_address(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, ifindex, address, "add address");
}

Status<ConfigError> Netlink::delete_address(unsigned ifindex, const InterfaceAddress& address) {
  return change_address(RTM_DELADDR, 0, ifindex, address, "delete address");
}

Status<ConfigError> Netlink::change_address(std::uint16_t type, std::uint16_t flags, unsigned ifindex,
                                            const InterfaceAddress& address, std::string attempted) {
  attempted += " " + address.local.to_string();
  if (address.peer) attempted += " peer " + address.peer->to_string();
  attempted += "/" + std::to_string(address.prefix_length) + " on " + link_text(ifindex);
  if (address.peer && address.peer->is_v4() != address.local.is_v4()) return mixed_families(attempted);

  nlmsghdr* message = socket_.begin(type, flags);
  auto* header = static_cast<ifaddrmsg*>(mnl_nlmsg_put_extra_header(message, sizeof(ifaddrmsg)));
  header->ifa_family = family_of(address.local);
  header->ifa_prefixlen = address.prefix_length;
  header->ifa_scope = RT_SCOPE_UNIVERSE;
  header->ifa_index = ifindex;
  put_address(message, IFA_LOCAL, address.local);
  put_address(message, IFA_ADDRESS, address.peer.value_or(address.local));
  return socket_.exchange(message, std::move(attempted));
}

Status<ConfigError> Netlink::add_route(const Route& route) {
  return change_route(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, route, "add route");
}

Status<ConfigError> Netlink::delete_route(const Route& route) {
  return change_route(RTM_DELROUTE, 0, route, "delete route");
}

Status<ConfigError> Netlink::change_route(std::uint16_t type, std::uint16_t flags, const Route& route,
                                          std::string attempted) {
  attempted += " " + prefix_text(route.destination, route.prefix_length);
  if (route.gateway) attempted += " via " + route.gateway->to_string();
  attempted += " dev " + link_text(route.ifindex) + " proto " + std::to_string(route.protocol) + " table " +
               std::to_string(route.table);
  if (route.metric != 0) attempted += " metric " + std::to_string(route.metric);
  if (route.mtu != 0) attempted += " mtu " + std::to_string(route.mtu);
  if (route.gateway && route.gateway->is_v4() != route.destination.is_v4()) return mixed_families(attempted);

  nlmsghdr* message = socket_.begin(type, flags);
  auto* header = static_cast<rtmsg*>(mnl_nlmsg_put_extra_header(message, sizeof(rtmsg)));
  header->rtm_family = family_of(route.destination);
  header->rtm_dst_len = route.prefix_length;
  // rtm_table has 8 bits; RTA_TABLE carries any table.
  header->rtm_table = route.table < 256 ? static_cast<unsigned char>(route.table)
                                        : static_cast<unsigned char>(RT_TABLE_UNSPEC);
  header->rtm_protocol = route.protocol;
  // An IPv4 route without a gateway reaches hosts on the device itself; the
  // IPv6 stack ignores the scope.
  header->rtm_scope = route.destination.is_v4() && !route.gateway ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
  header->rtm_type = RTN_UNICAST;
  put_address(message, RTA_DST, route.destination);
  mnl_attr_put_u32(message, RTA_TABLE, route.table);
  mnl_attr_put_u32(message, RTA_OIF, route.ifindex);
  if (route.gateway) put_address(message, RTA_GATEWAY, *route.gateway);
  if (route.metric != 0) mnl_attr_put_u32(message, RTA_PRIORITY, route.metric);
  if (route.mtu != 0) {
    nlattr* metrics = mnl_attr_nest_start(message, RTA_METRICS);
    mnl_attr_put_u32(message, RTAX_MTU, route.mtu);
    mnl_attr_nest_end(message, metrics);
  }
  return socket_.exchange(message, std::move(attempted));
}

Result<RouteLookup, ConfigError> Netlink::lookup_route(const asio::ip::address& destination) {
  nlmsghdr* message = socket_.begin(RTM_GETROUTE, 0);
  auto* header = static_cast<rtmsg*>(mnl_nlmsg_put_extra_header(message, sizeof(rtmsg)));
  header->rtm_family = family_of(destination);
  header->rtm_dst_len = full_prefix(destination);
  put_address(message, RTA_DST, destination);
  RouteLookup lookup;
  auto answer =
      socket_.exchange(message, "look up the route to " + destination.to_string(), on_route_reply, &lookup);
  if (!answer) return Unexpected(answer.error());
  return lookup;
}

}  // namespace pptpkit::net
