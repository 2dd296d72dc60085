// `pptpkit decode FILE.pcap [--json] [--secrets FILE [--write-decrypted OUT.pcap]]`:
// prints the PPTP control messages and GRE packets of a capture, one line
// each; with chap-secrets it also reports each session (authentication
// verified, MPPE) and can write the tunnels' decrypted IP packets.
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
  std::string secrets;          // chap-secrets file; empty: no session reports
  std::string write_decrypted;  // pcap (raw IP) of the inner packets; needs `secrets`
};

// Decodes the capture at options.path onto `out`; problems with single
// packets go to `out` as lines and decoding goes on. Returns false, after
// writing why to `err`, when the file (or the secrets file) cannot be read
// at all, its link type is not supported or the output pcap cannot be
// written.
bool run_decode(const DecodeOptions& options, std::ostream& out, std::ostream& err);

// Registers the `decode` subcommand; it throws CLI::RuntimeError(1) when
// run_decode fails.
void add_decode_command(CLI::App& app);

}  // namespace pptpkit::tools
