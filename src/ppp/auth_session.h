// What the Authenticator and the AuthPeer share: the queue of packets to
// send, the restart timer with its try counter (RFC 1994 4.1, RFC 1334
// 2.2.1) and the outcome. Protected base of both; not used on its own.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "base/time.h"
#include "ppp/auth.h"
#include "wire/ppp_error.h"

namespace pptpkit::ppp {

class AuthSession {
 public:
  AuthMethod method() const { return method_; }
  // The PPP protocol of every packet poll_packet() returns.
  std::uint16_t protocol() const { return auth_protocol(method_); }
  AuthState state() const { return state_; }
  const AuthOutcome& outcome() const { return outcome_; }

  // The next PPP Information field to send, oldest first.
  std::optional<std::vector<std::uint8_t>> poll_packet();
  // When on_timeout() wants to run; nullopt when no timer is running.
  std::optional<Timestamp> next_deadline() const { return deadline_; }

 protected:
  AuthSession(AuthMethod method, AuthTiming timing) : method_(method), timing_(timing) {}

  // Encodes a packet with `encode(MutableBytes) -> Result<size_t, PppError>`
  // and queues it; a packet that does not fit (a name longer than the
  // protocol's length fields allow) fails the exchange.
  template <class Encode>
  void queue_packet(std::size_t capacity, Encode encode);

  // Starts the restart timer and the try count afresh.
  void start_timer(Timestamp now);
  // The timer expired and tries remain: counts one and re-arms; false
  // (timer stopped) when max_tries were used.
  bool next_try(Timestamp now);
  bool timer_expired(Timestamp now) const { return deadline_ && now >= *deadline_; }

  void succeed();
  void fail(AuthFailure why);

  AuthOutcome outcome_;
  AuthState state_ = AuthState::kIdle;

 private:
  AuthMethod method_;
  AuthTiming timing_;
  std::deque<std::vector<std::uint8_t>> outbox_;
  std::optional<Timestamp> deadline_;
  unsigned tries_ = 0;
};

template <class Encode>
void AuthSession::queue_packet(std::size_t capacity, Encode encode) {
  std::vector<std::uint8_t> packet(capacity);
  const Result<std::size_t, wire::PppError> size = encode(MutableBytes(packet));
  if (!size) {
    fail(AuthFailure::kInvalidCredentials);
    return;
  }
  packet.resize(*size);
  outbox_.push_back(std::move(packet));
}

}  // namespace pptpkit::ppp
