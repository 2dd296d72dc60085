#include "tools/tcp_reassembly.h"

#include <algorithm>

#include "wire/tcp_header.h"

namespace pptpkit::tools {

void TcpReassembler::start(std::uint32_t first_data_sequence) {
  started_ = true;
  closed_ = false;
  base_ = first_data_sequence;
  next_ = 0;
  fin_at_.reset();
  held_.clear();
  held_bytes_ = 0;
}

std::int64_t TcpReassembler::offset_of(std::uint32_t sequence_number) const {
  const auto expected = static_cast<std::uint32_t>(base_ + static_cast<std::uint32_t>(next_));
  const auto distance = static_cast<std::int32_t>(sequence_number - expected);
  return static_cast<std::int64_t>(next_) + distance;
}

TcpDelivery TcpReassembler::push(const TcpSegment& segment) {
  TcpDelivery out;
  const bool syn = (segment.flags & wire::kTcpSyn) != 0;
  if (syn && (!started_ || !isn_ || *isn_ != segment.sequence_number)) {
    // A first SYN, or one with a new ISN: port reuse after a close the
    // capture may not have seen. Either way the stream starts afresh.
    out.restarted = started_;
    isn_ = segment.sequence_number;
    start(segment.sequence_number + 1);
  }
  if ((segment.flags & wire::kTcpRst) != 0) {
    // The capture may start mid-connection: only an RST of a known stream
    // closes something.
    out.reset = started_ && !closed_;
    closed_ = true;
    held_.clear();
    held_bytes_ = 0;
    return out;
  }
  if (closed_) return out;  // retransmitted FIN or data after it
  // SYN occupies one sequence number before the data.
  const std::uint32_t data_sequence = segment.sequence_number + (syn ? 1U : 0U);
  if (!started_) {
    // Capture began mid-stream: the first segment seen defines offset 0.
    if (segment.payload.empty() && (segment.flags & wire::kTcpFin) == 0) return out;
    start(data_sequence);
  }
  const std::int64_t begin = offset_of(data_sequence);
  if ((segment.flags & wire::kTcpFin) != 0 && !fin_at_) {
    const std::int64_t fin = begin + static_cast<std::int64_t>(segment.payload.size());
    if (fin >= static_cast<std::int64_t>(next_)) fin_at_ = static_cast<std::uint64_t>(fin);
  }
  store(begin, segment.payload);
  drain(out);
  // Give up on the oldest hole until what is held fits the limit again.
  while (held_bytes_ > max_held_ && !held_.empty()) {
    const std::uint64_t hole_end = held_.begin()->first;
    out.skipped += hole_end - next_;
    next_ = hole_end;
    drain(out);
  }
  check_fin(out);
  return out;
}

void TcpReassembler::store(std::int64_t begin, Bytes payload) {
  if (payload.empty()) return;
  const auto end = begin + static_cast<std::int64_t>(payload.size());
  const auto next = static_cast<std::int64_t>(next_);
  if (end <= next) return;  // a retransmission of bytes already delivered
  if (begin < next) {
    payload = payload.subspan(static_cast<std::size_t>(next - begin));
    begin = next;
  }
  if (fin_at_) {
    // Nothing lives beyond the FIN.
    const auto fin = static_cast<std::int64_t>(*fin_at_);
    if (begin >= fin) return;
    payload = payload.first(static_cast<std::size_t>(std::min(end, fin) - begin));
  }
  auto& slot = held_[static_cast<std::uint64_t>(begin)];
  // Same start seen twice: keep the longer copy; overlaps with other held
  // segments are resolved when draining (bytes already delivered win).
  if (payload.size() > slot.size()) {
    held_bytes_ += payload.size() - slot.size();
    slot.assign(payload.begin(), payload.end());
  }
}

void TcpReassembler::drain(TcpDelivery& out) {
  while (!held_.empty() && held_.begin()->first <= next_) {
    auto node = held_.extract(held_.begin());
    held_bytes_ -= node.mapped().size();
    const std::uint64_t begin = node.key();
    std::uint64_t end = begin + node.mapped().size();
    // Bytes held before a FIN arrived that claims to end the stream earlier.
    if (fin_at_) end = std::min(end, *fin_at_);
    if (end <= next_) continue;  // wholly covered by bytes already delivered
    const auto from = node.mapped().begin() + static_cast<std::ptrdiff_t>(next_ - begin);
    out.data.insert(out.data.end(), from, from + static_cast<std::ptrdiff_t>(end - next_));
    next_ = end;
  }
}

void TcpReassembler::check_fin(TcpDelivery& out) {
  if (fin_at_ && next_ >= *fin_at_) {
    out.finished = true;
    closed_ = true;
    held_.clear();
    held_bytes_ = 0;
  }
}

}  // namespace pptpkit::tools
