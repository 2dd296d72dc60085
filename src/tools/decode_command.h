// `pptpkit decode FILE.pcap [--json]`: prints the PPTP control messages and
// GRE packets of a capture, one line each.
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace pptpkit::tools {

struct DecodeOptions {
  std::string path;
  bool json = false;
};

// Decodes the capture at options.path onto `out`; problems with single
// packets go to `out` as lines and decoding goes on. Returns false, after
// writing why to `err`, when the file cannot be read at all or its link type
// is not supported.
bool run_decode(const DecodeOptions& options, std::ostream& out, std::ostream& err);

// Registers the `decode` subcommand; it throws CLI::RuntimeError(1) when
// run_decode fails.
void add_decode_command(CLI::App& app);

}  // namespace pptpkit::tools
