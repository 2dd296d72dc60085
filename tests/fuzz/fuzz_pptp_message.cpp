#include <array>
#include <cstdlib>

#include "wire/pptp_codec.h"

using namespace pptpkit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Bytes input(data, size);
  auto message = wire::decode_pptp_message(input);
  if (!message) return 0;
  // A decoded message is exactly its type's fixed size and re-encodes to it.
  std::array<std::uint8_t, wire::kPptpMaxMessageSize> out{};
  auto written = wire::encode_pptp_message(*message, out);
  if (!written || *written != size || wire::encoded_size(*message) != size) std::abort();
  // Byte for byte the input, except text after a field's first NUL, which
  // the encoder pads with zeros.
  for (std::size_t i = 0; i < size; ++i) {
    if (out[i] != data[i] && out[i] != 0) std::abort();
  }
  auto again = wire::decode_pptp_message(Bytes(out.data(), size));
  if (!again || *again != *message) std::abort();
  if (wire::message_name(*message) == "unknown") std::abort();
  return 0;
}
