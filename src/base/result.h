// A value or an error code. std::expected is C++23 and clang 14 (used for the
// fuzz build) cannot compile libstdc++'s <expected>, so this is the small
// subset the project needs. Errors are enums: cheap, exhaustive, loggable.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace pptpkit {

template <class E>
struct Unexpected {
  E error;
};

template <class E>
Unexpected(E) -> Unexpected<E>;

template <class T, class E>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Unexpected<E> e) : state_(std::in_place_index<1>, e.error) {}   // NOLINT: implicit by design

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E error() const {
    assert(!has_value());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, E> state_;
};

// Result of an operation that yields nothing but can fail.
template <class E>
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Unexpected<E> e) : error_(e.error), ok_(false) {}  // NOLINT: implicit by design

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  E error() const {
    assert(!ok_);
    return error_;
  }

 private:
  E error_{};
  bool ok_ = true;
};

}  // namespace pptpkit
