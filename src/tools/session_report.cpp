#include "tools/session_report.h"

namespace pptpkit::tools {
namespace {

Json optional_text(bool present, std::string_view text) { return present ? Json(text) : Json(nullptr); }

std::string_view side(Direction sends) { return sends == Direction::kPacToPns ? "pac" : "pns"; }

}  // namespace

Json session_json(const SessionReport& report, std::size_t number) {
  const AuthExchange& auth = report.auth;
  Json j;
  j["kind"] = "session";
  j["session"] = number;
  j["pns"] = ipv4_to_string(report.endpoints.pns_address);
  j["pns_call_id"] = report.endpoints.pns_call_id;
  j["pac"] = ipv4_to_string(report.endpoints.pac_address);
  j["pac_call_id"] = report.endpoints.pac_call_id;
  j["auth"] = optional_text(auth.method.has_value(), auth.method ? ppp::to_string(*auth.method) : "");
  j["authenticator"] =
      optional_text(auth.authenticator_sends.has_value(),
                    auth.authenticator_sends ? side(*auth.authenticator_sends) : std::string_view());
  j["authenticator_name"] = optional_text(!auth.challenge.empty(), auth.authenticator_name);
  j["user"] = optional_text(auth.responded, auth.user);
  j["auth_result"] =
      optional_text(auth.accepted.has_value(), auth.accepted.value_or(false) ? "success" : "failure");
  j["verified"] = report.verified ? Json(*report.verified) : Json(nullptr);
  if (report.mppe) {
    j["mppe"] = {{"strength", crypto::to_string(report.mppe->strength)},
                 {"mode", report.mppe->mode == ppp::MppeMode::kStateless ? "stateless" : "stateful"}};
  } else {
    j["mppe"] = nullptr;
  }
  j["encrypted_packets"] = report.encrypted;
  j["decrypted_packets"] = report.decrypted;
  j["decrypt_failures"] = report.decrypt_failures;
  j["plaintext_ip_packets"] = report.plaintext_ip;
  return j;
}

std::string session_text(const SessionReport& report, std::size_t number) {
  const Json fields = session_json(report, number);
  std::string line = "SESSION";
  for (const auto& [key, value] : fields.items()) {
    if (key == "kind") continue;
    line += ' ';
    line += key;
    line += '=';
    line += value.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return line;
}

}  // namespace pptpkit::tools
