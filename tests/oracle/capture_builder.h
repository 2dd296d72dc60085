// Builds a capture of PPTP traffic from pptpkit's own encoders, frame by
// frame, and records for each frame the fields an independent dissector
// (tshark) must find in it. Test-only code: the oracle tests compare the two.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/bytes.h"
#include "wire/gre_v0.h"
#include "wire/gre_v1.h"
#include "wire/pptp_messages.h"

namespace pptpkit::oracle {

inline constexpr std::uint32_t kPns = 0xC0000202;  // 192.0.2.2, the client side
inline constexpr std::uint32_t kPac = 0xC0000201;  // 192.0.2.1, the server side

class CaptureBuilder {
 public:
  // A PPTP control message in its own TCP segment of the PNS<->PAC stream.
  // `expect` holds tshark field names and the values they must have.
  void control(std::uint32_t sender, const wire::PptpMessage& message, nlohmann::json expect);
  // An enhanced GRE (version 1) packet carrying `ppp_frame` (may be empty).
  void gre_v1(std::uint32_t sender, const wire::GreV1Header& header, Bytes ppp_frame, nlohmann::json expect);
  // A plain GRE (version 0) packet.
  void gre_v0(std::uint32_t sender, const wire::GreV0Header& header, Bytes payload, nlohmann::json expect);

  // Ethernet frames in order, and the manifest: one object per frame,
  // {"frame": n, "description": ..., "expect": {...}}.
  const std::vector<std::vector<std::uint8_t>>& frames() const { return frames_; }
  const nlohmann::json& manifest() const { return manifest_; }

 private:
  void add_ip_packet(std::uint32_t source, std::uint32_t destination, std::uint8_t protocol, Bytes payload,
                     std::string description, nlohmann::json expect);

  std::vector<std::vector<std::uint8_t>> frames_;
  nlohmann::json manifest_ = nlohmann::json::array();
  std::uint32_t pns_sequence_ = 1000;
  std::uint32_t pac_sequence_ = 5000;
  std::uint16_t ip_identification_ = 1;
};

}  // namespace pptpkit::oracle
