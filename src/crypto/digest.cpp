#include "crypto/digest.h"

#include "crypto/openssl_context.h"

namespace pptpkit::crypto {
namespace {

// One EVP_MD_CTX reused for every hash of one algorithm on one thread:
// re-initialising a context is much cheaper than the fetch and allocation
// a one-shot EVP_Digest() pays on every call.
class ReusedDigest {
 public:
  explicit ReusedDigest(const EVP_MD* md) : md_(md), ctx_(EVP_MD_CTX_new()) {
    if (ctx_ == nullptr) detail::fail("EVP_MD_CTX_new");
  }
  ~ReusedDigest() { EVP_MD_CTX_free(ctx_); }
  ReusedDigest(const ReusedDigest&) = delete;
  ReusedDigest& operator=(const ReusedDigest&) = delete;

  template <std::size_t N>
  std::array<std::uint8_t, N> hash(std::initializer_list<Bytes> parts) {
    detail::check(EVP_DigestInit_ex2(ctx_, md_, nullptr), "EVP_DigestInit_ex2");
    for (Bytes part : parts) {
      detail::check(EVP_DigestUpdate(ctx_, part.data(), part.size()), "EVP_DigestUpdate");
    }
    std::array<std::uint8_t, N> out{};
    unsigned int size = 0;
    detail::check(EVP_DigestFinal_ex(ctx_, out.data(), &size), "EVP_DigestFinal_ex");
    if (size != N) detail::fail("digest size check");
    return out;
  }

 private:
  const EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

ReusedDigest& md4_context() {
  thread_local ReusedDigest d(detail::algorithms().md4);
  return d;
}
ReusedDigest& md5_context() {
  thread_local ReusedDigest d(detail::algorithms().md5);
  return d;
}
ReusedDigest& sha1_context() {
  thread_local ReusedDigest d(detail::algorithms().sha1);
  return d;
}

}  // namespace

Md4Digest md4(Bytes data) { return md4_context().hash<kMd4Size>({data}); }
Md4Digest md4(std::initializer_list<Bytes> parts) { return md4_context().hash<kMd4Size>(parts); }
Md5Digest md5(Bytes data) { return md5_context().hash<kMd5Size>({data}); }
Md5Digest md5(std::initializer_list<Bytes> parts) { return md5_context().hash<kMd5Size>(parts); }
Sha1Digest sha1(Bytes data) { return sha1_context().hash<kSha1Size>({data}); }
Sha1Digest sha1(std::initializer_list<Bytes> parts) { return sha1_context().hash<kSha1Size>(parts); }

}  // namespace pptpkit::crypto
