#include "wire/pptp_codes.h"

namespace pptpkit::wire {

namespace {
constexpr std::string_view kUnknown = "unknown";
}  // namespace

std::string_view to_string(StartResult v) {
  switch (v) {
    case StartResult::kSuccess:
      return "Successful channel establishment";
    case StartResult::kGeneralError:
      return "General error";
    case StartResult::kChannelExists:
      return "Command channel already exists";
    case StartResult::kNotAuthorized:
      return "Requester is not authorized";
    case StartResult::kVersionNotSupported:
      return "Protocol version not supported";
  }
  return kUnknown;
}

std::string_view to_string(StopReason v) {
  switch (v) {
    case StopReason::kNone:
      return "None";
    case StopReason::kStopProtocol:
      return "Stop-Protocol";
    case StopReason::kStopLocalShutdown:
      return "Stop-Local-Shutdown";
  }
  return kUnknown;
}

std::string_view to_string(StopResult v) {
  switch (v) {
    case StopResult::kOk:
      return "OK";
    case StopResult::kGeneralError:
      return "General Error";
  }
  return kUnknown;
}

std::string_view to_string(EchoResult v) {
  switch (v) {
    case EchoResult::kOk:
      return "OK";
    case EchoResult::kGeneralError:
      return "General Error";
  }
  return kUnknown;
}

std::string_view to_string(OutgoingCallResult v) {
  switch (v) {
    case OutgoingCallResult::kConnected:
      return "Connected";
    case OutgoingCallResult::kGeneralError:
      return "General Error";
    case OutgoingCallResult::kNoCarrier:
      return "No Carrier";
    case OutgoingCallResult::kBusy:
      return "Busy";
    case OutgoingCallResult::kNoDialTone:
      return "No Dial Tone";
    case OutgoingCallResult::kTimeout:
      return "Time-out";
    case OutgoingCallResult::kDoNotAccept:
      return "Do Not Accept";
  }
  return kUnknown;
}

std::string_view to_string(IncomingCallResult v) {
  switch (v) {
    case IncomingCallResult::kConnect:
      return "Connect";
    case IncomingCallResult::kGeneralError:
      return "General Error";
    case IncomingCallResult::kDoNotAccept:
      return "Do Not Accept";
  }
  return kUnknown;
}

std::string_view to_string(DisconnectResult v) {
  switch (v) {
    case DisconnectResult::kLostCarrier:
      return "Lost Carrier";
    case DisconnectResult::kGeneralError:
      return "General Error";
    case DisconnectResult::kAdminShutdown:
      return "Admin Shutdown";
    case DisconnectResult::kRequest:
      return "Request";
  }
  return kUnknown;
}

std::string_view to_string(GeneralError v) {
  switch (v) {
    case GeneralError::kNone:
      return "None";
    case GeneralError::kNotConnected:
      return "Not-Connected";
    case GeneralError::kBadFormat:
      return "Bad-Format";
    case GeneralError::kBadValue:
      return "Bad-Value";
    case GeneralError::kNoResource:
      return "No-Resource";
    case GeneralError::kBadCallId:
      return "Bad-Call ID";
    case GeneralError::kPacError:
      return "PAC-Error";
  }
  return kUnknown;
}

std::string_view to_string(BearerType v) {
  switch (v) {
    case BearerType::kAnalog:
      return "Analog";
    case BearerType::kDigital:
      return "Digital";
    case BearerType::kAny:
      return "Any";
  }
  return kUnknown;
}

std::string_view to_string(FramingType v) {
  switch (v) {
    case FramingType::kAsync:
      return "Asynchronous";
    case FramingType::kSync:
      return "Synchronous";
    case FramingType::kAny:
      return "Any";
  }
  return kUnknown;
}

}  // namespace pptpkit::wire
