// The MPPE packet engine (RFC 3078, header format of RFC 2118 section 3):
// one MppeSender and one MppeReceiver per direction of a link, built from
// the keys crypto::mppe_keys_mschap_v1/v2 derive. Compression (MPPC, the C
// bit) is never used and compressed packets are dropped.
//
// Packets are processed in place. A PPP frame of protocol 0x00FD carries
//   | A B C D | coherency count (12 bits) | RC4(Protocol || payload) |
// The sender takes a buffer whose first kMppeHeaderSize octets are room for
// the header, followed by the plaintext PPP Protocol field and payload; the
// receiver takes the Information field of a 0x00FD frame. Neither allocates.
//
// Key changes follow RFC 3078 section 7 as pppd and Linux ppp_mppe
// implement it (the interoperable reading):
//  - stateless mode (H bit): the key changes before every packet, including
//    the first, and every packet has the flushed bit A;
//  - stateful mode: the key changes before the "flag" packet whose count's
//    low octet is 0xFF, and before the first packet after a CCP
//    Reset-Request; exactly those packets carry A. (RFC 3078 3.1 would set
//    A on the very first packet too; Linux receivers change the key on every
//    A, so doing that would desynchronise them.)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/mppe_keys.h"
#include "crypto/rc4.h"

namespace pptpkit::ppp {

inline constexpr std::size_t kMppeHeaderSize = 2;
inline constexpr std::uint16_t kMppeCountMask = 0x0FFF;  // 12-bit coherency count
inline constexpr std::uint8_t kMppeFlushed = 0x80;       // A (RFC 2118 3: "flushed")
inline constexpr std::uint8_t kMppeCompressed = 0x20;    // C (MPPC only)
inline constexpr std::uint8_t kMppeEncrypted = 0x10;     // D (RFC 3078 3)

enum class MppeMode : std::uint8_t { kStateful, kStateless };

struct MppeConfig {
  crypto::MppeStrength strength = crypto::MppeStrength::k128Bit;
  MppeMode mode = MppeMode::kStateless;
};

// Why a received packet was not delivered. Each has its own counter.
enum class MppeDrop : std::uint8_t {
  kTruncated,     // shorter than the header and a one-octet protocol field
  kNotEncrypted,  // D bit clear: plaintext where encryption was negotiated
  kCompressed,    // C bit set: MPPC, which pptpkit does not negotiate
  kMissingFlush,  // no A bit where the mode requires one (stateless, flag packet)
  kReplayed,      // stateless: count not ahead of the last one (duplicate or late)
  kJumpTooFar,    // stateless: count further ahead than max_forward_jump
  kOutOfSync,     // stateful: a count was skipped; waiting for a flushed packet
  kBadProtocol,   // the decrypted Protocol field is not a valid PPP protocol
};
inline constexpr std::size_t kMppeDropReasons = 8;

std::string_view to_string(MppeDrop d);

class MppeSender {
 public:
  MppeSender(const MppeConfig& config, const crypto::MppeDirectionKeys& keys);

  // Encrypts `packet` in place: packet[0..1] receives the MPPE header,
  // packet[2..] holds the plaintext Protocol field (two octets, no PFC) and
  // payload and becomes ciphertext. Precondition: packet.size() >= 4 (else
  // std::invalid_argument). Returns the coherency count used.
  std::uint16_t encrypt(MutableBytes packet);

  // RFC 3078 section 8: the peer's CCP Reset-Request. The next packet
  // changes the key and carries the flushed bit.
  void on_reset_request() { reset_pending_ = true; }

  std::uint64_t packets() const { return packets_; }

 private:
  void change_key();

  MppeConfig config_;
  crypto::MppeKey start_key_;
  crypto::MppeKey session_key_;
  crypto::Rc4 rc4_;
  std::uint16_t next_count_ = 0;
  bool reset_pending_ = false;
  std::uint64_t packets_ = 0;
};

// A decrypted packet: views into the buffer given to decrypt().
struct MppePlaintext {
  std::uint16_t protocol = 0;
  MutableBytes payload;
  std::uint16_t coherency_count = 0;
};

class MppeReceiver {
 public:
  // A forward jump of the coherency count by this much or more is dropped in
  // stateless mode: half the count space, beyond which "ahead" and "behind"
  // cannot be told apart (and each step costs a key change).
  static constexpr std::uint16_t kDefaultMaxForwardJump = 2048;

  MppeReceiver(const MppeConfig& config, const crypto::MppeDirectionKeys& keys,
               std::uint16_t max_forward_jump = kDefaultMaxForwardJump);

  // Decrypts the Information field of an MPPE frame in place (RFC 3078
  // section 8). The Protocol field may be one octet (PFC, RFC 1661 6.5).
  Result<MppePlaintext, MppeDrop> decrypt(MutableBytes packet);

  // Stateful mode: true once each time a lost packet was detected; the link
  // then sends a CCP Reset-Request (RFC 3078 section 8, RFC 1962 section 4).
  bool take_reset_request();
  // Stateful mode: packets are dropped until one with the flushed bit.
  bool out_of_sync() const { return out_of_sync_; }

  std::uint64_t packets() const { return packets_; }
  std::uint64_t dropped(MppeDrop reason) const { return drops_[static_cast<std::size_t>(reason)]; }

 private:
  Result<MppePlaintext, MppeDrop> drop(MppeDrop reason);
  // Returns false when the packet has to be dropped (reason in `why`).
  bool synchronise_stateless(std::uint16_t count, MppeDrop& why);
  bool synchronise_stateful(std::uint16_t count, bool flushed, MppeDrop& why);
  void change_key();

  MppeConfig config_;
  std::uint16_t max_forward_jump_;
  crypto::MppeKey start_key_;
  crypto::MppeKey session_key_;
  crypto::Rc4 rc4_;
  // The count of the last packet accepted (stateless, and stateful when in
  // sync) or the count expected when the loss was detected (stateful, out of
  // sync). Starts one before 0 so that the first packet has count 0.
  std::uint16_t count_ = kMppeCountMask;
  bool out_of_sync_ = false;
  bool reset_request_pending_ = false;
  std::uint64_t packets_ = 0;
  std::array<std::uint64_t, kMppeDropReasons> drops_{};
};

}  // namespace pptpkit::ppp
