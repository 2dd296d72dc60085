// Which end of the link we are. PPP itself is symmetric; the roles differ in
// who authenticates whom (RFC 1661 6.2: the authenticator asks for the
// Authentication-Protocol option) and who assigns addresses (RFC 1332 3.3).
// In PPTP the server is the authenticator and the client the peer.
#pragma once

#include <cstdint>

namespace pptpkit::ppp {

enum class Role : std::uint8_t { kAuthenticator, kPeer };

}  // namespace pptpkit::ppp
