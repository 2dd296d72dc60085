#include "tools/session_analyzer.h"

#include "wire/ppp_protocol.h"

namespace pptpkit::tools {
namespace {

bool is_ip(std::uint16_t protocol) { return protocol == wire::kPppIpv4 || protocol == wire::kPppIpv6; }

}  // namespace

void SessionAnalyzer::on_decoded(const Decoded& decoded, const IpCallback& emit_ip) {
  const PacketInfo& info = decoded.info;
  if (!info.source_address || !info.destination_address) return;
  if (const auto* pptp = std::get_if<PptpEvent>(&decoded.event)) {
    if (tracker_.on_control(*info.source_address, *info.destination_address, pptp->message)) {
      sessions_.emplace_back();
    }
  } else if (const auto* gre = std::get_if<GreEvent>(&decoded.event)) {
    on_gre(info, *gre, emit_ip);
  }
}

void SessionAnalyzer::on_gre(const PacketInfo& info, const GreEvent& gre, const IpCallback& emit_ip) {
  const auto* v1 = std::get_if<wire::GreV1Packet>(&gre.gre.packet);
  if (v1 == nullptr || !gre.ppp) return;
  const auto where = tracker_.attribute(*info.source_address, *info.destination_address, v1->header.call_id);
  if (!where) return;
  Session& session = sessions_[where->session];
  const PppDecoded& ppp = *gre.ppp;
  if (ppp.control) {
    switch (session.ppp.on_control(where->direction, ppp)) {
      case PppChange::kResponse:
        session.verdict = verify_exchange(session.ppp.auth(), secrets_);
        session.decryptor.reset();
        break;
      case PppChange::kMppeNegotiated:
        session.decryptor.reset();
        break;
      case PppChange::kNone:
        break;
    }
    return;
  }
  if (ppp.frame.protocol == wire::kPppCompressedDatagram) {
    on_encrypted(info, session, where->direction, ppp.frame.information, emit_ip);
  } else if (is_ip(ppp.frame.protocol)) {
    ++session.counters.plaintext_ip;
    emit_ip(info.time, ppp.frame.information);
  }
}

void SessionAnalyzer::on_encrypted(const PacketInfo& info, Session& session, Direction direction,
                                   Bytes information, const IpCallback& emit_ip) {
  ++session.counters.encrypted;
  MppeDecryptor* mppe = decryptor(session);
  if (mppe == nullptr) return;
  scratch_.assign(information.begin(), information.end());
  const auto plain = mppe->decrypt(direction, scratch_);
  if (!plain) {
    ++session.counters.decrypt_failures;
    return;
  }
  ++session.counters.decrypted;
  if (is_ip(plain->protocol)) emit_ip(info.time, plain->payload);
}

// Built at the first encrypted frame after the exchange verified and CCP
// agreed, so that it starts from the initial keys as both ends do.
MppeDecryptor* SessionAnalyzer::decryptor(Session& session) {
  if (session.decryptor) return &*session.decryptor;
  const AuthExchange& auth = session.ppp.auth();
  if (!session.verdict || !session.verdict->key_material || !session.ppp.mppe() ||
      !auth.authenticator_sends) {
    return nullptr;
  }
  session.decryptor =
      MppeDecryptor::create(*session.verdict->key_material, *session.ppp.mppe(), *auth.authenticator_sends);
  return session.decryptor ? &*session.decryptor : nullptr;
}

std::vector<SessionReport> SessionAnalyzer::reports() const {
  std::vector<SessionReport> out;
  out.reserve(sessions_.size());
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    SessionReport report = sessions_[i].counters;
    report.endpoints = tracker_.sessions()[i];
    report.auth = sessions_[i].ppp.auth();
    if (sessions_[i].verdict) report.verified = sessions_[i].verdict->verified;
    report.mppe = sessions_[i].ppp.mppe();
    out.push_back(std::move(report));
  }
  return out;
}

}  // namespace pptpkit::tools
