// An MppeReceiver fed arbitrary packets in each mode: the first input octet
// picks the mode and strength, the rest is split into packets at 0xFF 0xFF
// pairs. Decryption must stay inside each packet and the payload view must
// lie within it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "ppp/mppe.h"

using namespace pptpkit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  ppp::MppeConfig config;
  config.mode = (selector & 1) != 0 ? ppp::MppeMode::kStateless : ppp::MppeMode::kStateful;
  config.strength = (selector & 2) != 0 ? crypto::MppeStrength::k128Bit : crypto::MppeStrength::k40Bit;
  std::vector<std::uint8_t> key(crypto::mppe_key_size(config.strength), 0x5A);
  const crypto::MppeKey start{Bytes(key)};
  ppp::MppeReceiver receiver(config, {start, crypto::reduce_session_key(start, config.strength)},
                             static_cast<std::uint16_t>(1 + (selector >> 2) * 64));
  std::vector<std::uint8_t> packet;
  for (std::size_t i = 1; i <= size; ++i) {
    const bool boundary = i == size || (data[i] == 0xFF && i + 1 < size && data[i + 1] == 0xFF);
    if (!boundary) {
      packet.push_back(data[i]);
      continue;
    }
    const auto plain = receiver.decrypt(packet);
    if (plain) {
      const auto* begin = packet.data();
      const auto* end = begin + packet.size();
      if (plain->payload.data() < begin || plain->payload.data() + plain->payload.size() > end) std::abort();
    }
    (void)receiver.take_reset_request();
    packet.clear();
    ++i;  // skip the second 0xFF
  }
  return 0;
}
