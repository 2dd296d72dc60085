#include "ppp/phases.h"

#include "wire/ppp_protocol.h"

namespace pptpkit::ppp {

std::string_view to_string(Phase p) {
  switch (p) {
    case Phase::kDead:
      return "Dead";
    case Phase::kEstablish:
      return "Establish";
    case Phase::kAuthenticate:
      return "Authenticate";
    case Phase::kNetwork:
      return "Network";
    case Phase::kTerminate:
      return "Terminate";
  }
  return "unknown";
}

namespace {

enum class Kind : std::uint8_t { kLink, kAuth, kCallback, kNetwork, kUnspoken };

Kind kind_of(std::uint16_t protocol, const SpokenProtocols& spoken) {
  switch (protocol) {
    case wire::kPppLcp:
      return Kind::kLink;
    case wire::kPppPap:
    case wire::kPppChap:
      return protocol == spoken.auth ? Kind::kAuth : Kind::kUnspoken;
    case wire::kPppCbcp:
      return spoken.cbcp ? Kind::kCallback : Kind::kUnspoken;
    case wire::kPppIpcp:
    case wire::kPppIpv4:
      return Kind::kNetwork;
    case wire::kPppIpv6cp:
    case wire::kPppIpv6:
      return spoken.ipv6 ? Kind::kNetwork : Kind::kUnspoken;
    case wire::kPppCcp:
    case wire::kPppCompressedDatagram:
      return spoken.ccp ? Kind::kNetwork : Kind::kUnspoken;
    default:
      return Kind::kUnspoken;
  }
}

}  // namespace

Admission admit(Phase phase, std::uint16_t protocol, const SpokenProtocols& spoken) {
  if (phase == Phase::kDead) return Admission::kDiscard;
  switch (kind_of(protocol, spoken)) {
    case Kind::kLink:
      return Admission::kDeliver;
    case Kind::kUnspoken:
      return Admission::kProtocolReject;
    // The authenticator may repeat its verdict after the peer moved on to
    // the Network phase (RFC 1994 4.2), so auth stays admitted there.
    case Kind::kAuth:
      return phase == Phase::kAuthenticate || phase == Phase::kNetwork ? Admission::kDeliver
                                                                       : Admission::kDiscard;
    case Kind::kCallback:
      return phase == Phase::kAuthenticate ? Admission::kDeliver : Admission::kDiscard;
    case Kind::kNetwork:
      return phase == Phase::kNetwork ? Admission::kDeliver : Admission::kDiscard;
  }
  return Admission::kDiscard;
}

}  // namespace pptpkit::ppp
