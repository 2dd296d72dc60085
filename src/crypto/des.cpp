#include "crypto/des.h"

#include "crypto/openssl_context.h"

namespace pptpkit::crypto {
namespace {

// One EVP_CIPHER_CTX per thread, bound to DES-ECB once; each block only
// re-keys it (EVP_EncryptInit_ex2 with a null cipher keeps the provider
// context instead of rebuilding it).
class ReusedDes {
 public:
  ReusedDes() : ctx_(EVP_CIPHER_CTX_new()) {
    if (ctx_ == nullptr) detail::fail("EVP_CIPHER_CTX_new");
    detail::check(EVP_EncryptInit_ex2(ctx_, detail::algorithms().des_ecb, nullptr, nullptr, nullptr),
                  "EVP_EncryptInit_ex2(DES-ECB)");
    detail::check(EVP_CIPHER_CTX_set_padding(ctx_, 0), "EVP_CIPHER_CTX_set_padding");
  }
  ~ReusedDes() { EVP_CIPHER_CTX_free(ctx_); }
  ReusedDes(const ReusedDes&) = delete;
  ReusedDes& operator=(const ReusedDes&) = delete;

  DesBlock encrypt(std::span<const std::uint8_t, kDesBlockSize> clear,
                   std::span<const std::uint8_t, kDesBlockSize> key) {
    detail::check(EVP_EncryptInit_ex2(ctx_, nullptr, key.data(), nullptr, nullptr),
                  "EVP_EncryptInit_ex2(key)");
    DesBlock out{};
    int size = 0;
    detail::check(EVP_EncryptUpdate(ctx_, out.data(), &size, clear.data(), static_cast<int>(clear.size())),
                  "EVP_EncryptUpdate(DES)");
    if (size != static_cast<int>(kDesBlockSize)) detail::fail("DES block size check");
    return out;
  }

 private:
  EVP_CIPHER_CTX* ctx_;
};

ReusedDes& des_context() {
  thread_local ReusedDes d;
  return d;
}

std::uint8_t with_odd_parity(std::uint8_t octet) {
  int ones = 0;
  for (int bit = 1; bit < 8; ++bit) ones += (octet >> bit) & 1;
  return static_cast<std::uint8_t>((octet & 0xFE) | ((ones & 1) == 0 ? 1 : 0));
}

}  // namespace

DesBlock des_key_with_parity(std::span<const std::uint8_t, kDesKey56Size> key) {
  // The 56 bits as one big-endian integer, then 7 bits per output octet.
  std::uint64_t bits = 0;
  for (std::uint8_t octet : key) bits = (bits << 8) | octet;
  DesBlock out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto seven = static_cast<std::uint8_t>((bits >> (49 - 7 * i)) & 0x7F);
    out[i] = with_odd_parity(static_cast<std::uint8_t>(seven << 1));
  }
  return out;
}

DesBlock des_ecb_encrypt(std::span<const std::uint8_t, kDesBlockSize> clear,
                         std::span<const std::uint8_t, kDesBlockSize> key) {
  return des_context().encrypt(clear, key);
}

DesBlock des_encrypt(std::span<const std::uint8_t, kDesBlockSize> clear,
                     std::span<const std::uint8_t, kDesKey56Size> key) {
  const DesBlock full_key = des_key_with_parity(key);
  return des_ecb_encrypt(clear, full_key);
}

}  // namespace pptpkit::crypto
