// Comparison of secrets (responses, authenticator strings) whose running time
// does not depend on where they first differ, so an attacker timing a
// verifier learns nothing about the expected value (RFC 2759 section 13
// leaves this to the implementation; it matters whenever responses are
// checked against a guess).
#pragma once

#include "base/bytes.h"

namespace pptpkit::crypto {

// True when a and b have the same length and contents. Only the contents are
// compared in constant time; lengths are public in every MS-CHAP field.
bool constant_time_equal(Bytes a, Bytes b);

}  // namespace pptpkit::crypto
