// The crypto layer's hold on OpenSSL: one library context with the default
// and legacy providers loaded. MD4, DES and RC4 live only in OpenSSL 3's
// legacy provider, which the default library context does not load, so the
// layer owns a context of its own instead of changing the process-wide one.
//
// Error strategy: loading the providers and fetching the five algorithms is
// the only step that can fail for a reason other than memory exhaustion.
// Programs call initialize() at start-up and refuse to run on an error (its
// to_string() says what is missing). After that, no crypto function can fail:
// their signatures carry no error. Should OpenSSL fail anyway (out of memory,
// or a function used before a failed initialize()), they throw OpenSslFailure
// rather than return wrong bytes; nothing in the layer catches it.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/result.h"

namespace pptpkit::crypto {

enum class CryptoError : std::uint8_t {
  kLibraryContext,   // OSSL_LIB_CTX_new failed
  kDefaultProvider,  // the "default" provider did not load
  kLegacyProvider,   // the "legacy" provider (ossl-modules/legacy.so) did not load
  kMissingMd4,       // a provider loaded but an algorithm could not be fetched
  kMissingMd5,
  kMissingSha1,
  kMissingDes,
  kMissingRc4,
};

std::string_view to_string(CryptoError e);

// Loads the providers and fetches the algorithms, once per process
// (thread-safe; later calls return the first call's outcome). Every other
// crypto function calls it implicitly; calling it first only moves the
// failure to start-up, where it can be reported.
Status<CryptoError> initialize();

// OpenSSL's own explanation of the first failure of initialize(), for logs
// (empty when initialize() succeeded or was never called).
std::string initialize_detail();

// An OpenSSL call failed after start-up (see the strategy above).
class OpenSslFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pptpkit::crypto
