// Decoded events as JSON objects, one per output line of `decode --json`.
// Field names are the RFCs' in snake_case; objects keep the RFC's field
// order (ordered_json), which the text output relies on too.
#pragma once

#include <nlohmann/json.hpp>

#include "tools/decoded.h"

namespace pptpkit::tools {

using Json = nlohmann::ordered_json;

// {"frame", "time", "src", "dst", "kind": "pptp" | "gre" | "error", ...}.
Json to_json(const Decoded& decoded);

// The message's fields: {"message": "<RFC name>", "protocol_version": ..., ...}.
// Code fields (result_code, error_code, ...) are the numbers sent.
Json pptp_message_json(const wire::PptpMessage& message);

// {"version", "protocol_type", "call_id", "payload_length", "sequence"?,
// "ack"?, "ppp"?} for version 1; {"version", "protocol_type", "key"?,
// "sequence"?} for version 0.
Json gre_json(const GreEvent& gre);

// {"protocol", "name", "code"?, "code_name"?, "identifier"?, "options"?}; an
// option is {"type", "name", "value"} with value as pppd prints it.
Json ppp_json(const PppDecoded& ppp);

}  // namespace pptpkit::tools
