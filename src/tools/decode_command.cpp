#include "tools/decode_command.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "tools/decode_json.h"
#include "tools/decode_text.h"
#include "tools/decoder.h"
#include "tools/link_layer.h"
#include "tools/pcap_file.h"

namespace pptpkit::tools {

bool run_decode(const DecodeOptions& options, std::ostream& out, std::ostream& err) {
  auto reader = PcapReader::open(options.path);
  if (!reader) {
    err << "decode: " << reader.error() << '\n';
    return false;
  }
  if (!is_supported_link_type(reader->link_type())) {
    err << "decode: " << options.path << ": unsupported link type " << reader->link_type_name() << " ("
        << reader->link_type()
        << "); decode reads Ethernet (with VLAN tags), Linux cooked (SLL, SLL2) and raw IP captures\n";
    return false;
  }
  Decoder decoder(reader->link_type());
  std::optional<Timestamp> start;
  const Decoder::Callback print = [&](const Decoded& decoded) {
    if (options.json) {
      // Peer-supplied text need not be UTF-8: replace rather than throw.
      out << to_json(decoded).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    } else {
      out << to_text(decoded, *start) << '\n';
    }
  };
  while (true) {
    auto record = reader->next();
    if (!record) {
      // What was read so far has been printed; a cut-off file is still an error.
      out.flush();
      err << "decode: " << options.path << ": " << record.error() << '\n';
      return false;
    }
    if (!*record) break;
    if (!start) start = (*record)->time;
    decoder.feed(**record, print);
  }
  out.flush();
  return true;
}

void add_decode_command(CLI::App& app) {
  auto options = std::make_shared<DecodeOptions>();
  CLI::App* decode =
      app.add_subcommand("decode", "Print the PPTP control messages and GRE packets of a capture");
  decode->add_option("file", options->path, "pcap or pcapng file")->required();
  decode->add_flag("--json", options->json, "one JSON object per line instead of text");
  decode->callback([options] {
    if (!run_decode(*options, std::cout, std::cerr)) throw CLI::RuntimeError(1);
  });
}

}  // namespace pptpkit::tools
