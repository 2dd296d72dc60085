// Internal to the crypto layer: the fetched OpenSSL algorithms and a helper
// that turns a failed OpenSSL call into OpenSslFailure. Not for other layers,
// which must not see OpenSSL types.
#pragma once

#include <openssl/evp.h>

namespace pptpkit::crypto::detail {

struct Algorithms {
  EVP_MD* md4 = nullptr;
  EVP_MD* md5 = nullptr;
  EVP_MD* sha1 = nullptr;
  EVP_CIPHER* des_ecb = nullptr;
  EVP_CIPHER* rc4 = nullptr;
};

// The algorithms, fetched once from the layer's library context. Throws
// OpenSslFailure if initialize() failed.
const Algorithms& algorithms();

// Throws OpenSslFailure naming `what` and OpenSSL's error queue.
[[noreturn]] void fail(const char* what);

// Calls fail(what) unless an OpenSSL call returned 1 (its success value).
inline void check(int openssl_result, const char* what) {
  if (openssl_result != 1) fail(what);
}

}  // namespace pptpkit::crypto::detail
