#include "tools/decode_command.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "crypto/library.h"
#include "tools/decode_json.h"
#include "tools/decode_text.h"
#include "tools/decoder.h"
#include "tools/link_layer.h"
#include "tools/pcap_file.h"
#include "tools/secrets_file.h"
#include "tools/session_analyzer.h"
#include "tools/session_report.h"

namespace pptpkit::tools {
namespace {

// Peer-supplied text need not be UTF-8: replace rather than throw.
std::string json_line(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// What --secrets and --write-decrypted add to a decode run.
struct SessionMode {
  ppp::ChapSecrets secrets;
  SessionAnalyzer analyzer;
  std::optional<PcapWriter> decrypted;

  explicit SessionMode(ppp::ChapSecrets loaded) : secrets(std::move(loaded)), analyzer(secrets) {}
};

std::unique_ptr<SessionMode> open_session_mode(const DecodeOptions& options, std::ostream& err) {
  if (const auto ready = crypto::initialize(); !ready) {
    err << "decode: " << crypto::to_string(ready.error()) << ' ' << crypto::initialize_detail() << '\n';
    return nullptr;
  }
  auto secrets = load_chap_secrets(options.secrets);
  if (!secrets) {
    err << "decode: " << secrets.error() << '\n';
    return nullptr;
  }
  auto mode = std::make_unique<SessionMode>(std::move(*secrets));
  if (options.write_decrypted.empty()) return mode;
  // Inner packets are bare IPv4/IPv6: LINKTYPE_RAW, which every reader knows.
  auto writer = PcapWriter::create(options.write_decrypted, kLinkRaw);
  if (!writer) {
    err << "decode: " << writer.error() << '\n';
    return nullptr;
  }
  mode->decrypted.emplace(std::move(*writer));
  return mode;
}

// Session lines come after the packets: a session's verdict and counters are
// final only at the end of the capture.
bool finish_session_mode(SessionMode& mode, const DecodeOptions& options, std::ostream& out,
                         std::ostream& err) {
  const auto reports = mode.analyzer.reports();
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (options.json) {
      out << json_line(session_json(reports[i], i + 1)) << '\n';
    } else {
      out << session_text(reports[i], i + 1) << '\n';
    }
  }
  if (mode.analyzer.sessions_over_limit() > 0) {
    err << "decode: " << mode.analyzer.sessions_over_limit()
        << " calls beyond the session limit not followed\n";
  }
  if (mode.decrypted && !mode.decrypted->flush()) {
    err << "decode: " << options.write_decrypted << ": write failed\n";
    return false;
  }
  return true;
}

}  // namespace

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
  std::unique_ptr<SessionMode> sessions;
  if (!options.secrets.empty()) {
    sessions = open_session_mode(options, err);
    if (!sessions) return false;
  }
  const SessionAnalyzer::IpCallback write_inner = [&](Timestamp time, Bytes packet) {
    if (sessions->decrypted) sessions->decrypted->write(time, packet);
  };
  Decoder decoder(reader->link_type());
  std::optional<Timestamp> start;
  const Decoder::Callback print = [&](const Decoded& decoded) {
    if (options.json) {
      out << json_line(to_json(decoded)) << '\n';
    } else {
      out << to_text(decoded, *start) << '\n';
    }
    if (sessions) sessions->analyzer.on_decoded(decoded, write_inner);
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
  const bool finished = !sessions || finish_session_mode(*sessions, options, out, err);
  out.flush();
  return finished;
}

void add_decode_command(CLI::App& app) {
  auto options = std::make_shared<DecodeOptions>();
  CLI::App* decode =
      app.add_subcommand("decode", "Print the PPTP control messages and GRE packets of a capture");
  decode->add_option("file", options->path, "pcap or pcapng file")->required();
  decode->add_flag("--json", options->json, "one JSON object per line instead of text");
  CLI::Option* secrets = decode->add_option(
      "--secrets", options->secrets,
      "pppd chap-secrets file: report each session, verify its authentication, decrypt MPPE");
  decode
      ->add_option("--write-decrypted", options->write_decrypted,
                   "write the tunnels' inner IP packets (decrypted) to this pcap (raw IP)")
      ->needs(secrets);
  decode->callback([options] {
    if (!run_decode(*options, std::cout, std::cerr)) throw CLI::RuntimeError(1);
  });
}

}  // namespace pptpkit::tools
