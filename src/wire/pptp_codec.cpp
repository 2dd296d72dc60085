#include "wire/pptp_codec.h"

#include <array>
#include <optional>
#include <type_traits>
#include <utility>

#include "wire/pptp_layout.h"

namespace pptpkit::wire {
namespace {

// Fields whose value is an unsigned integer of 1, 2 or 4 octets on the wire.
template <class F>
concept WireInteger = (std::is_integral_v<F> || std::is_enum_v<F>)&&(sizeof(F) == 1 || sizeof(F) == 2 ||
                                                                     sizeof(F) == 4);

// Reads a body laid out by detail::message_body. The span always holds the
// whole body (decode checks Length first), so only values can be wrong; the
// first wrong one is reported.
class FieldReader {
 public:
  explicit FieldReader(Bytes body) : reader_(body) {}

  template <WireInteger F>
  void field(F& f) {
    if constexpr (sizeof(F) == 1) {
      f = static_cast<F>(reader_.u8());
    } else if constexpr (sizeof(F) == 2) {
      f = static_cast<F>(reader_.u16());
    } else {
      f = static_cast<F>(reader_.u32());
    }
  }
  void reserved(std::size_t n) {
    for (const std::uint8_t octet : reader_.bytes(n)) {
      if (octet != 0) fail(PptpError::kReservedNotZero);
    }
  }
  void text(std::string_view& s, std::size_t size) { s = fixed_string_view(reader_.bytes(size)); }
  void length(std::uint16_t& n, std::size_t field_size) {
    field(n);
    if (n > field_size) fail(PptpError::kBadValue);
  }

  std::optional<PptpError> error() const { return error_; }

 private:
  void fail(PptpError e) {
    if (!error_) error_ = e;
  }

  ByteReader reader_;
  std::optional<PptpError> error_;
};

// Writes a body; `out` is exactly the body's size (encode checks that first).
class FieldWriter {
 public:
  explicit FieldWriter(MutableBytes out) : writer_(out) {}

  template <WireInteger F>
  void field(F f) {
    if constexpr (sizeof(F) == 1) {
      writer_.u8(static_cast<std::uint8_t>(f));
    } else if constexpr (sizeof(F) == 2) {
      writer_.u16(static_cast<std::uint16_t>(f));
    } else {
      writer_.u32(static_cast<std::uint32_t>(f));
    }
  }
  void reserved(std::size_t n) { writer_.zeros(n); }
  void text(std::string_view s, std::size_t size) { writer_.fixed_string(s, size); }
  void length(std::uint16_t n, std::size_t field_size) {
    if (n > field_size && !error_) error_ = PptpError::kBadValue;
    field(n);
  }

  std::optional<PptpError> error() const { return error_; }

 private:
  ByteWriter writer_;
  std::optional<PptpError> error_;
};

// Counts the octets of a body at compile time.
struct FieldCounter {
  template <WireInteger F>
  constexpr void field(const F&) {
    size += sizeof(F);
  }
  constexpr void reserved(std::size_t n) { size += n; }
  constexpr void text(std::string_view, std::size_t field_size) { size += field_size; }
  constexpr void length(std::uint16_t n, std::size_t) { field(n); }

  std::size_t size = 0;
};

template <class M>
constexpr std::size_t layout_size() {
  FieldCounter counter;
  M m;
  detail::message_body(counter, m);
  return kPptpHeaderSize + counter.size;
}

// The layouts add up to the fixed Lengths the RFC gives (section 2), so a
// body span of kSize - 12 octets is read and written exactly, never short.
template <std::size_t... I>
constexpr bool layouts_match_sizes(std::index_sequence<I...>) {
  return ((layout_size<std::variant_alternative_t<I, PptpMessage>>() ==
           std::variant_alternative_t<I, PptpMessage>::kSize) &&
          ...);
}
static_assert(layouts_match_sizes(std::make_index_sequence<std::variant_size_v<PptpMessage>>{}));

template <class M>
Result<PptpMessage, PptpError> decode_body(Bytes body) {
  M m;
  FieldReader reader(body);
  detail::message_body(reader, m);
  if (auto e = reader.error()) return Unexpected{*e};
  return PptpMessage{m};
}

using BodyDecoder = Result<PptpMessage, PptpError> (*)(Bytes);

template <std::size_t... I>
constexpr std::array<BodyDecoder, sizeof...(I)> body_decoders(std::index_sequence<I...>) {
  return {&decode_body<std::variant_alternative_t<I, PptpMessage>>...};
}

// Indexed by Control Message Type - 1, like PptpMessage's alternatives.
constexpr auto kBodyDecoders = body_decoders(std::make_index_sequence<std::variant_size_v<PptpMessage>>{});

}  // namespace

Result<PptpMessage, PptpError> decode_pptp_message(Bytes data) {
  auto header = decode_pptp_header(data);
  if (!header) return Unexpected{header.error()};
  const std::size_t size = control_message_size(header->control_message_type);
  if (size == 0) return Unexpected{PptpError::kUnknownControlType};
  if (header->length != size) return Unexpected{PptpError::kBadLength};
  if (data.size() < size) return Unexpected{PptpError::kTruncated};
  if (data.size() > size) return Unexpected{PptpError::kTrailingBytes};
  return kBodyDecoders[header->control_message_type - 1u](data.subspan(kPptpHeaderSize));
}

Result<std::size_t, PptpError> encode_pptp_message(const PptpMessage& message, MutableBytes out) {
  return std::visit(
      [out](const auto& m) -> Result<std::size_t, PptpError> {
        using M = std::remove_cvref_t<decltype(m)>;
        if (out.size() < M::kSize) return Unexpected{PptpError::kBufferTooSmall};
        const PptpHeader header{.length = M::kSize,
                                .control_message_type = static_cast<std::uint16_t>(M::kType)};
        if (auto status = encode_pptp_header(header, out); !status) return Unexpected{status.error()};
        FieldWriter writer(out.subspan(kPptpHeaderSize, M::kSize - kPptpHeaderSize));
        detail::message_body(writer, m);
        if (auto e = writer.error()) return Unexpected{*e};
        return M::kSize;
      },
      message);
}

std::size_t encoded_size(const PptpMessage& message) {
  return std::visit([](const auto& m) { return std::remove_cvref_t<decltype(m)>::kSize; }, message);
}

}  // namespace pptpkit::wire
