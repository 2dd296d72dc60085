// A whole PPP Link fed arbitrary frames, time advances and IP packets.
// Input: one octet of configuration (role, MPPE policy, IPv6, stateful
// MPPE), then records of [kind][length][octets]: kind 0 is a received frame,
// 1 advances the clock by octets[0] tenths of a second (and fires the
// timers), 2 sends the octets as an IP packet, 3 terminates the link.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "base/random.h"
#include "ppp/link.h"
#include "ppp/secrets.h"
#include "ppp_fuzz_check.h"
#include "wire/ppp_protocol.h"

using namespace pptpkit;
using namespace pptpkit::ppp;

namespace {

class CounterRandom : public RandomSource {
 public:
  void fill(MutableBytes out) override {
    for (auto& octet : out) octet = static_cast<std::uint8_t>(++counter_ * 0x9D);
  }

 private:
  std::uint32_t counter_ = 0;
};

class Addresses : public AddressProvider {
 public:
  Result<Ipv4Assignment, CloseReason> assign(std::string_view, const AllowedAddresses&) override {
    return Ipv4Assignment{0xC6120001, 0xC6120002, 0xC6120035, std::nullopt, std::nullopt, std::nullopt};
  }
};

void drain(Link& link) {
  while (link.poll_frame()) {
  }
  while (link.poll_event()) {
  }
  while (auto ip = link.poll_ip())
    fuzz::require(ip->protocol == wire::kPppIpv4 || ip->protocol == wire::kPppIpv6);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const ChapSecrets secrets = *parse_chap_secrets("alice * wonderland *\n");
  Addresses addresses;
  CounterRandom random;
  const std::uint8_t flags = data[0];
  LinkConfig config;
  config.role = (flags & 1) != 0 ? Role::kPeer : Role::kAuthenticator;
  config.ccp.policy = static_cast<MppePolicy>((flags >> 1) % 3);
  config.ipv6 = (flags & 8) != 0;
  config.ccp.allow_stateful = (flags & 16) != 0;
  config.lcp.auth_methods = {AuthMethod::kMsChapV2, AuthMethod::kPap};
  config.user = "alice";
  config.password = "wonderland";
  std::optional<AuthenticatorServices> services;
  if (config.role == Role::kAuthenticator) services.emplace(AuthenticatorServices{secrets, addresses});
  Link link(config, random, services);
  Timestamp now{};
  link.start(now);
  drain(link);

  std::size_t pos = 1;
  while (pos + 2 <= size) {
    const std::uint8_t kind = data[pos] % 4;
    const std::size_t length = std::min<std::size_t>(data[pos + 1], size - pos - 2);
    const Bytes octets(data + pos + 2, length);
    pos += 2 + length;
    switch (kind) {
      case 0:
        link.on_frame(now, octets);
        break;
      case 1:
        now += std::chrono::milliseconds(100) * (octets.empty() ? 1 : octets[0]);
        link.on_timeout(now);
        break;
      case 2: {
        std::array<std::uint8_t, 512> buffer{};
        std::copy(octets.begin(), octets.end(), buffer.begin() + kLinkHeadroom);
        if (auto frame = link.send_ip(now, buffer, kLinkHeadroom, octets.size())) {
          fuzz::require(frame->size() <= kLinkHeadroom + octets.size());
        }
        break;
      }
      default:
        link.terminate(now);
        break;
    }
    if (auto deadline = link.next_deadline()) fuzz::require(*deadline >= Timestamp{});
    drain(link);
  }
  return 0;
}
