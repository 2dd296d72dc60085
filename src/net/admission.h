// Admission of control connections: how many the server holds in total and
// per source address. A flood from one address (or a botnet) must not take
// every slot, nor the file descriptors behind them. Pure accounting, so unit
// tests drive it without sockets.
#pragma once

#include <asio/ip/address.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

namespace pptpkit::net {

struct AdmissionLimits {
  std::size_t max_connections = 1024;
  std::size_t max_per_source = 64;
};

enum class Refusal : std::uint8_t { kTotalLimit, kSourceLimit };
std::string_view to_string(Refusal refusal);

class Admission {
 public:
  explicit Admission(AdmissionLimits limits) : limits_(limits) {}
  // New limits (a reload): connections already admitted stay, even above them.
  void set_limits(AdmissionLimits limits) { limits_ = limits; }

  // Counts a new connection from `source`, or says which limit refuses it
  // (and counts the refusal).
  std::optional<Refusal> admit(const asio::ip::address& source);
  // The connection admitted from `source` is gone.
  void release(const asio::ip::address& source);

  std::size_t active() const { return active_; }
  std::size_t active_from(const asio::ip::address& source) const;
  std::uint64_t refused(Refusal refusal) const;

 private:
  AdmissionLimits limits_;
  std::size_t active_ = 0;
  std::map<asio::ip::address, std::size_t> per_source_;
  std::uint64_t refused_total_ = 0;
  std::uint64_t refused_source_ = 0;
};

}  // namespace pptpkit::net
