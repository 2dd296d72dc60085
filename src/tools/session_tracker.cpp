#include "tools/session_tracker.h"

namespace pptpkit::tools {

std::optional<std::size_t> SessionTracker::on_control(std::uint32_t source, std::uint32_t destination,
                                                      const wire::PptpMessage& message) {
  if (const auto* ocrq = std::get_if<wire::OutgoingCallRequest>(&message)) {
    request({source, destination, ocrq->call_id}, Requester::kPns);
  } else if (const auto* icrq = std::get_if<wire::IncomingCallRequest>(&message)) {
    request({source, destination, icrq->call_id}, Requester::kPac);
  } else if (const auto* m = std::get_if<wire::OutgoingCallReply>(&message)) {
    // RFC 2637 2.8: only a Connected reply opens the data channel.
    const CallKey key{destination, source, m->peer_call_id};
    if (m->result_code != wire::OutgoingCallResult::kConnected) {
      pending_.erase(key);
      return std::nullopt;
    }
    return reply(key, m->call_id, Requester::kPns);
  } else if (const auto* icrp = std::get_if<wire::IncomingCallReply>(&message)) {
    const CallKey key{destination, source, icrp->peer_call_id};
    if (icrp->result_code != wire::IncomingCallResult::kConnect) {
      pending_.erase(key);
      return std::nullopt;
    }
    return reply(key, icrp->call_id, Requester::kPac);
  }
  return std::nullopt;
}

void SessionTracker::request(const CallKey& key, Requester requester) {
  if (pending_.size() >= max_pending_ && !pending_.contains(key)) return;
  pending_[key] = requester;
}

std::optional<std::size_t> SessionTracker::reply(const CallKey& key, std::uint16_t responder_call_id,
                                                 Requester requester) {
  const auto it = pending_.find(key);
  // A reply to a request of the other kind, or to none seen, says nothing
  // about which side is the PNS.
  if (it == pending_.end() || it->second != requester) return std::nullopt;
  pending_.erase(it);
  if (sessions_.size() >= max_sessions_) {
    ++over_limit_;
    return std::nullopt;
  }
  SessionEndpoints session;
  if (requester == Requester::kPns) {
    session = {key.requester, key.responder, key.call_id, responder_call_id};
  } else {
    session = {key.responder, key.requester, responder_call_id, key.call_id};
  }
  const std::size_t index = sessions_.size();
  sessions_.push_back(session);
  flows_[{session.pns_address, session.pac_address, session.pac_call_id}] = {index, Direction::kPnsToPac};
  flows_[{session.pac_address, session.pns_address, session.pns_call_id}] = {index, Direction::kPacToPns};
  return index;
}

std::optional<GreAttribution> SessionTracker::attribute(std::uint32_t source, std::uint32_t destination,
                                                        std::uint16_t call_id) const {
  const auto it = flows_.find({source, destination, call_id});
  if (it == flows_.end()) return std::nullopt;
  return it->second;
}

}  // namespace pptpkit::tools
