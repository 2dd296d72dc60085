// Reads a pppd chap-secrets file for `decode --secrets`; the ppp layer
// parses text and never touches files.
#pragma once

#include <string>

#include "base/result.h"
#include "ppp/secrets.h"

namespace pptpkit::tools {

// The parsed file, or "PATH: why" / "PATH:LINE: why".
Result<ppp::ChapSecrets, std::string> load_chap_secrets(const std::string& path);

}  // namespace pptpkit::tools
