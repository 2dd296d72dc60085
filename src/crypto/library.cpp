#include "crypto/library.h"

#include <openssl/err.h>
#include <openssl/provider.h>

#include <array>
#include <string>

#include "crypto/openssl_context.h"

namespace pptpkit::crypto {
namespace {

// Drains OpenSSL's (thread-local) error queue into one line.
std::string drain_openssl_errors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    std::array<char, 256> line{};
    ERR_error_string_n(code, line.data(), line.size());
    if (!text.empty()) text += "; ";
    text += line.data();
  }
  return text;
}

struct State {
  bool ok = false;
  CryptoError error = CryptoError::kLibraryContext;
  std::string detail;
  OSSL_LIB_CTX* context = nullptr;
  detail::Algorithms algorithms;
};

State* load() {
  auto* s = new State;
  auto failed = [s](CryptoError e) {
    s->error = e;
    s->detail = drain_openssl_errors();
    return s;
  };
  s->context = OSSL_LIB_CTX_new();
  if (s->context == nullptr) return failed(CryptoError::kLibraryContext);
  // Providers stay loaded for the life of the process: nothing unloads them.
  if (OSSL_PROVIDER_load(s->context, "default") == nullptr) return failed(CryptoError::kDefaultProvider);
  if (OSSL_PROVIDER_load(s->context, "legacy") == nullptr) return failed(CryptoError::kLegacyProvider);
  auto& a = s->algorithms;
  if (!(a.md4 = EVP_MD_fetch(s->context, "MD4", nullptr))) return failed(CryptoError::kMissingMd4);
  if (!(a.md5 = EVP_MD_fetch(s->context, "MD5", nullptr))) return failed(CryptoError::kMissingMd5);
  if (!(a.sha1 = EVP_MD_fetch(s->context, "SHA1", nullptr))) return failed(CryptoError::kMissingSha1);
  if (!(a.des_ecb = EVP_CIPHER_fetch(s->context, "DES-ECB", nullptr)))
    return failed(CryptoError::kMissingDes);
  if (!(a.rc4 = EVP_CIPHER_fetch(s->context, "RC4", nullptr))) return failed(CryptoError::kMissingRc4);
  s->ok = true;
  return s;
}

// Built on first use; C++ guarantees one thread builds it while the others
// wait. Deliberately never freed: thread-local digest and cipher contexts of
// threads that outlive static destruction may still point into it.
const State& state() {
  static const State* const s = load();
  return *s;
}

}  // namespace

std::string_view to_string(CryptoError e) {
  switch (e) {
    case CryptoError::kLibraryContext:
      return "OpenSSL library context could not be created";
    case CryptoError::kDefaultProvider:
      return "OpenSSL default provider could not be loaded";
    case CryptoError::kLegacyProvider:
      return "OpenSSL legacy provider could not be loaded (MS-CHAP and MPPE need its MD4, DES and RC4; "
             "is ossl-modules/legacy.so installed?)";
    case CryptoError::kMissingMd4:
      return "OpenSSL offers no MD4";
    case CryptoError::kMissingMd5:
      return "OpenSSL offers no MD5";
    case CryptoError::kMissingSha1:
      return "OpenSSL offers no SHA-1";
    case CryptoError::kMissingDes:
      return "OpenSSL offers no DES-ECB";
    case CryptoError::kMissingRc4:
      return "OpenSSL offers no RC4";
  }
  return "unknown crypto error";
}

Status<CryptoError> initialize() {
  const State& s = state();
  if (!s.ok) return Unexpected{s.error};
  return {};
}

std::string initialize_detail() { return state().detail; }

namespace detail {

const Algorithms& algorithms() {
  const State& s = state();
  if (!s.ok) {
    throw OpenSslFailure("pptpkit crypto: " + std::string(to_string(s.error)) +
                         (s.detail.empty() ? "" : " (" + s.detail + ")"));
  }
  return s.algorithms;
}

void fail(const char* what) {
  const std::string errors = drain_openssl_errors();
  throw OpenSslFailure(std::string("pptpkit crypto: OpenSSL ") + what + " failed" +
                       (errors.empty() ? "" : " (" + errors + ")"));
}

}  // namespace detail
}  // namespace pptpkit::crypto
