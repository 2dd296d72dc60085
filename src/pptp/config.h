// Settings of one PPTP control connection (RFC 2637 section 3).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "base/time.h"
#include "wire/pptp_codes.h"

namespace pptpkit::pptp {

// RFC 2637 section 1.2: the PAC owns the (virtual) lines and answers
// Outgoing-Call-Requests; the PNS is the network server side. A pptpkit
// server is the PAC (as pptpd is), a client the PNS.
enum class Role : std::uint8_t { kPac, kPns };

// Timer defaults. The RFC fixes only the 60 s keep-alive idle time (section
// 2.5); the rest are this implementation's bounds on how long it waits.
struct Timers {
  // Waiting for Start-Control-Connection-Request (responder) or -Reply
  // (originator), and for the loser of a collision to close its connection.
  Duration start_timeout = std::chrono::seconds(60);
  // Silence after which an Echo-Request is sent (RFC 2637 section 2.5).
  Duration echo_interval = std::chrono::seconds(60);
  // Waiting for the Echo-Reply before the connection is declared dead.
  Duration echo_timeout = std::chrono::seconds(30);
  // Waiting for Stop-Control-Connection-Reply before closing TCP anyway.
  Duration stop_timeout = std::chrono::seconds(10);
  // Waiting for the owner to answer a call request (then it is refused).
  Duration call_answer_timeout = std::chrono::seconds(30);
  // Waiting for the peer's Outgoing-/Incoming-Call-Reply, Incoming-Call-
  // Connected or Call-Disconnect-Notify (then the call is cleared). Longer
  // than call_answer_timeout, so that a peer refusing a call it could not
  // answer in time is heard before we give up on it.
  Duration call_reply_timeout = std::chrono::seconds(60);
};

struct ConnectionConfig {
  Role role = Role::kPac;
  // IPv4 addresses of the TCP connection's two ends, host byte order; they
  // decide a Start-Control-Connection-Request collision (RFC 2637 section
  // 3.1.3: the higher address wins) and name the peer in log events.
  std::uint32_t local_address = 0;
  std::uint32_t peer_address = 0;
  // How log lines name the peer (e.g. "192.0.2.2:40000" or an IPv6 address
  // with port); empty: the dotted quad of peer_address.
  std::string peer_name{};
  // Start-Control-Connection-Request/-Reply fields (RFC 2637 section 2.1).
  std::string host_name = "pptpkit";
  std::string vendor_string = "pptpkit";
  std::uint16_t firmware_revision = 1;
  std::uint32_t framing_capabilities = wire::kFramingCapabilityAsync | wire::kFramingCapabilitySync;
  std::uint32_t bearer_capabilities = wire::kBearerCapabilityAnalog | wire::kBearerCapabilityDigital;
  // Calls this tunnel carries at once; as a PAC also sent as Maximum Channels.
  std::uint16_t max_calls = 64;
  // Our Packet Recv Window Size and Packet Processing Delay (1/10 s) in call
  // set-up messages (RFC 2637 sections 2.7-2.11).
  std::uint16_t receive_window = 64;
  std::uint16_t processing_delay = 0;
  // Connect Speed a PAC reports in Outgoing-Call-Reply and Incoming-Call-
  // Connected (bits per second; there is no real line behind it).
  std::uint32_t connect_speed = 100'000'000;
  Timers timers;
};

}  // namespace pptpkit::pptp
