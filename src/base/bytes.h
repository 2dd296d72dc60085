// Bounds-checked big-endian (network order) readers and writers over byte
// spans. Both are "sticky": after the first out-of-bounds access every read
// yields zero and ok() stays false, so a decoder can read a whole fixed layout
// and check once, and can never touch memory outside its span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace pptpkit {

using Bytes = std::span<const std::uint8_t>;
using MutableBytes = std::span<std::uint8_t>;

class ByteReader {
 public:
  explicit ByteReader(Bytes data) : data_(data) {}

  bool ok() const { return ok_; }
  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return ok_ ? data_.size() - pos_ : 0; }
  bool empty() const { return remaining() == 0; }

  std::uint8_t u8() {
    if (!take(1)) return 0;
    return data_[pos_ - 1];
  }
  std::uint16_t u16() {
    if (!take(2)) return 0;
    return static_cast<std::uint16_t>((data_[pos_ - 2] << 8) | data_[pos_ - 1]);
  }
  std::uint32_t u32() {
    if (!take(4)) return 0;
    const auto* p = &data_[pos_ - 4];
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
  }
  // The next n bytes as a sub-span (empty and failed if fewer remain).
  Bytes bytes(std::size_t n) {
    if (!take(n)) return {};
    return data_.subspan(pos_ - n, n);
  }
  // Everything not read yet.
  Bytes rest() {
    const std::size_t n = remaining();
    return bytes(n);
  }
  void skip(std::size_t n) { (void)take(n); }

 private:
  bool take(std::size_t n) {
    if (!ok_ || n > data_.size() - pos_) {
      ok_ = false;
      return false;
    }
    pos_ += n;
    return true;
  }

  Bytes data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

class ByteWriter {
 public:
  explicit ByteWriter(MutableBytes out) : out_(out) {}

  bool ok() const { return ok_; }
  std::size_t offset() const { return pos_; }
  // The bytes written so far.
  Bytes written() const { return Bytes(out_.data(), pos_); }

  void u8(std::uint8_t v) {
    if (auto* p = take(1)) p[0] = v;
  }
  void u16(std::uint16_t v) {
    if (auto* p = take(2)) {
      p[0] = static_cast<std::uint8_t>(v >> 8);
      p[1] = static_cast<std::uint8_t>(v);
    }
  }
  void u32(std::uint32_t v) {
    if (auto* p = take(4)) {
      p[0] = static_cast<std::uint8_t>(v >> 24);
      p[1] = static_cast<std::uint8_t>(v >> 16);
      p[2] = static_cast<std::uint8_t>(v >> 8);
      p[3] = static_cast<std::uint8_t>(v);
    }
  }
  void bytes(Bytes b) {
    if (auto* p = take(b.size())) {
      for (std::size_t i = 0; i < b.size(); ++i) p[i] = b[i];
    }
  }
  void zeros(std::size_t n) {
    if (auto* p = take(n)) {
      for (std::size_t i = 0; i < n; ++i) p[i] = 0;
    }
  }
  // Text into a fixed-size field, NUL padded; text longer than the field is
  // truncated (fields such as PPTP's 64-octet host name have no terminator
  // requirement).
  void fixed_string(std::string_view s, std::size_t field_size) {
    auto* p = take(field_size);
    if (!p) return;
    for (std::size_t i = 0; i < field_size; ++i) {
      p[i] = i < s.size() ? static_cast<std::uint8_t>(s[i]) : 0;
    }
  }

 private:
  std::uint8_t* take(std::size_t n) {
    if (!ok_ || n > out_.size() - pos_) {
      ok_ = false;
      return nullptr;
    }
    pos_ += n;
    return out_.data() + pos_ - n;
  }

  MutableBytes out_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// Decodes a fixed-size text field: stops at the first NUL or at the end of
// the field, whichever comes first, and never reads past the field.
inline std::string_view fixed_string_view(Bytes field) {
  std::size_t n = 0;
  while (n < field.size() && field[n] != 0) ++n;
  return {reinterpret_cast<const char*>(field.data()), n};
}

}  // namespace pptpkit
