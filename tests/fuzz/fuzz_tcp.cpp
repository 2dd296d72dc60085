#include "wire/tcp_header.h"

#include <cstdlib>

using namespace pptpkit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Bytes segment(data, size);
  auto header = wire::decode_tcp_header(segment);
  if (!header) return 0;
  // Header and payload must tile the input exactly.
  if (header->header_size() + header->payload.size() != size) std::abort();
  if (header->options.size() + wire::kTcpMinHeaderSize != header->header_size()) std::abort();
  wire::TcpOptionReader reader(*header);
  // Each step consumes at least one octet, so the walk ends within the area.
  for (std::size_t steps = 0;; ++steps) {
    if (steps > header->options.size()) std::abort();
    auto option = reader.next();
    if (!option || !*option) break;
    const auto& o = **option;
    if (o.offset >= header->header_size() || segment[o.offset] != o.kind) std::abort();
    if (o.data.size() > 0 && o.data.data() + o.data.size() > data + header->header_size()) std::abort();
  }
  auto mss = wire::find_tcp_mss(*header);
  if (mss && *mss && segment[(*mss)->offset] != wire::kTcpOptionMss) std::abort();
  return 0;
}
