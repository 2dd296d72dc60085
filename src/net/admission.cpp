#include "net/admission.h"

namespace pptpkit::net {

std::string_view to_string(Refusal refusal) {
  switch (refusal) {
    case Refusal::kTotalLimit:
      return "connection limit reached";
    case Refusal::kSourceLimit:
      return "per-source connection limit reached";
  }
  return "unknown";
}

std::optional<Refusal> Admission::admit(const asio::ip::address& source) {
  if (active_ >= limits_.max_connections) {
    ++refused_total_;
    return Refusal::kTotalLimit;
  }
  std::size_t& from_source = per_source_[source];
  if (from_source >= limits_.max_per_source) {
    if (from_source == 0) per_source_.erase(source);
    ++refused_source_;
    return Refusal::kSourceLimit;
  }
  ++from_source;
  ++active_;
  return std::nullopt;
}

void Admission::release(const asio::ip::address& source) {
  const auto it = per_source_.find(source);
  if (it == per_source_.end()) return;
  --active_;
  if (--it->second == 0) per_source_.erase(it);
}

std::size_t Admission::active_from(const asio::ip::address& source) const {
  const auto it = per_source_.find(source);
  return it == per_source_.end() ? 0 : it->second;
}

std::uint64_t Admission::refused(Refusal refusal) const {
  return refusal == Refusal::kTotalLimit ? refused_total_ : refused_source_;
}

}  // namespace pptpkit::net
