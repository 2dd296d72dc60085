// RC4 as a stateful stream (the cipher MPPE uses, RFC 3078 section 7).
// MPPE keeps one RC4 state per direction for the life of a key: each packet
// continues the key stream where the previous one stopped, and a key change
// (RFC 3078 7.3) re-keys the same object with set_key().
//
// Move-only: the object owns an OpenSSL cipher context, created once and
// re-keyed in place. Misuse (processing before a key is set, a key outside
// 1..256 octets, output not the size of input) throws std::invalid_argument
// or std::logic_error; OpenSSL failures throw OpenSslFailure (library.h).
#pragma once

#include <cstddef>

#include "base/bytes.h"

struct evp_cipher_ctx_st;  // OpenSSL's EVP_CIPHER_CTX

namespace pptpkit::crypto {

inline constexpr std::size_t kRc4MaxKeySize = 256;

class Rc4 {
 public:
  Rc4();
  explicit Rc4(Bytes key);
  ~Rc4();
  Rc4(Rc4&& other) noexcept;
  Rc4& operator=(Rc4&& other) noexcept;
  Rc4(const Rc4&) = delete;
  Rc4& operator=(const Rc4&) = delete;

  // Starts a fresh key stream under `key` (1..256 octets; MPPE uses 8 or 16).
  void set_key(Bytes key);
  bool has_key() const { return key_size_ != 0; }

  // XORs the next in.size() key stream octets into `in`, writing `out`
  // (which must be exactly as long). `in` and `out` may be the same memory.
  void process(Bytes in, MutableBytes out);
  // In place.
  void process(MutableBytes data) { process(data, data); }

 private:
  evp_cipher_ctx_st* ctx_ = nullptr;
  std::size_t key_size_ = 0;
};

}  // namespace pptpkit::crypto
