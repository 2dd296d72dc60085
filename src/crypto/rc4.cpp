#include "crypto/rc4.h"

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <utility>

#include "crypto/openssl_context.h"

namespace pptpkit::crypto {

Rc4::Rc4() : ctx_(EVP_CIPHER_CTX_new()) {
  if (ctx_ == nullptr) detail::fail("EVP_CIPHER_CTX_new");
  // Bound to RC4 once; set_key() only re-keys (a null cipher in
  // EVP_EncryptInit_ex2 keeps the provider context instead of rebuilding it).
  if (EVP_EncryptInit_ex2(ctx_, detail::algorithms().rc4, nullptr, nullptr, nullptr) != 1) {
    EVP_CIPHER_CTX_free(ctx_);
    ctx_ = nullptr;
    detail::fail("EVP_EncryptInit_ex2(RC4)");
  }
}

Rc4::Rc4(Bytes key) : Rc4() { set_key(key); }

Rc4::~Rc4() { EVP_CIPHER_CTX_free(ctx_); }

Rc4::Rc4(Rc4&& other) noexcept
    : ctx_(std::exchange(other.ctx_, nullptr)), key_size_(std::exchange(other.key_size_, 0)) {}

Rc4& Rc4::operator=(Rc4&& other) noexcept {
  if (this != &other) {
    EVP_CIPHER_CTX_free(ctx_);
    ctx_ = std::exchange(other.ctx_, nullptr);
    key_size_ = std::exchange(other.key_size_, 0);
  }
  return *this;
}

void Rc4::set_key(Bytes key) {
  if (key.empty() || key.size() > kRc4MaxKeySize)
    throw std::invalid_argument("Rc4::set_key: key must be 1..256 octets");
  if (ctx_ == nullptr) throw std::logic_error("Rc4::set_key on a moved-from object");
  // RC4's key length is a context parameter read when the key is set; MPPE
  // re-keys with the same length every time, so it is set only on change.
  if (key.size() != key_size_) {
    key_size_ = 0;
    detail::check(EVP_CIPHER_CTX_set_key_length(ctx_, static_cast<int>(key.size())),
                  "EVP_CIPHER_CTX_set_key_length");
  }
  detail::check(EVP_EncryptInit_ex2(ctx_, nullptr, key.data(), nullptr, nullptr),
                "EVP_EncryptInit_ex2(RC4 key)");
  key_size_ = key.size();
}

void Rc4::process(Bytes in, MutableBytes out) {
  if (out.size() != in.size())
    throw std::invalid_argument("Rc4::process: output size differs from input size");
  if (!has_key()) throw std::logic_error("Rc4::process before set_key");
  // EVP takes int lengths; longer spans go through in INT_MAX slices.
  std::size_t done = 0;
  while (done < in.size()) {
    const std::size_t chunk = std::min<std::size_t>(in.size() - done, INT_MAX);
    int written = 0;
    detail::check(
        EVP_EncryptUpdate(ctx_, out.data() + done, &written, in.data() + done, static_cast<int>(chunk)),
        "EVP_EncryptUpdate(RC4)");
    if (written != static_cast<int>(chunk)) detail::fail("RC4 stream length check");
    done += chunk;
  }
}

}  // namespace pptpkit::crypto
