#include "tools/secrets_file.h"

#include <fstream>
#include <sstream>

namespace pptpkit::tools {

Result<ppp::ChapSecrets, std::string> load_chap_secrets(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Unexpected{path + ": cannot be read"};
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return Unexpected{path + ": read error"};
  auto secrets = ppp::parse_chap_secrets(text.str());
  if (!secrets) {
    return Unexpected{path + ':' + std::to_string(secrets.error().line) + ": " +
                      std::string(ppp::to_string(secrets.error().error))};
  }
  return std::move(*secrets);
}

}  // namespace pptpkit::tools
