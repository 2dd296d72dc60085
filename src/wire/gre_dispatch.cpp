#include "wire/gre_dispatch.h"

#include <utility>

#include "wire/gre_flags.h"

namespace pptpkit::wire {

std::string_view to_string(GreDropReason r) {
  switch (r) {
    case GreDropReason::kTruncated:
      return "truncated GRE packet";
    case GreDropReason::kUnknownVersion:
      return "unknown GRE version";
    case GreDropReason::kBadPlainGreHeader:
      return "bad GRE version 0 header";
    case GreDropReason::kBadPptpHeader:
      return "bad enhanced GRE (version 1) header";
  }
  return "unknown drop reason";
}

Result<GreDispatch, GreDrop> dispatch_gre(Bytes data) {
  if (data.size() < kGreBaseHeaderSize)
    return Unexpected{GreDrop{GreDropReason::kTruncated, GreError::kTruncated}};
  ByteReader r(data);
  switch (r.u16() & kGreVersionMask) {
    case 0: {
      auto p = decode_gre_v0(data);
      if (!p) return Unexpected{GreDrop{GreDropReason::kBadPlainGreHeader, p.error()}};
      return GreDispatch{std::move(*p)};
    }
    case 1: {
      auto p = decode_gre_v1(data);
      if (!p) return Unexpected{GreDrop{GreDropReason::kBadPptpHeader, p.error()}};
      return GreDispatch{std::move(*p)};
    }
    default:
      return Unexpected{GreDrop{GreDropReason::kUnknownVersion, GreError::kUnsupportedVersion}};
  }
}

}  // namespace pptpkit::wire
