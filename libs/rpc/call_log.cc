#include "libs/rpc/call_log.h"

#include <google/protobuf/descriptor.h>

#include "libs/common/errors.h"
#include "libs/log/log.h"

namespace auxpro::rpc {

namespace {

// Codes that say the server (or what it depends on) failed, not the caller.
bool ServerSide(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string RequestIdOf(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return "";
  }
  return request.GetReflection()->GetString(request, field);
}

void LogCall(const std::string& method, const CallContext* call,
             const google::protobuf::Message* request, const absl::Status& status, double seconds) {
  const size_t slash = method.find('/');
  logging::Fields fields;
  fields.Str("service", method.substr(0, slash))
      .Str("method", slash == std::string::npos ? method : method.substr(slash + 1))
      .Str("code", absl::StatusCodeToString(status.code()));
  if (auto info = ErrorInfoOf(status)) fields.Str("reason", info->reason);
  fields.Num("latency_ms", seconds * 1000.0);
  if (request != nullptr) {
    if (std::string id = RequestIdOf(*request); !id.empty()) fields.Str("request_id", id);
  }
  if (call != nullptr) {
    fields.Str("jurisdiction", call->principal.jurisdiction)
        .Str("agency_kind", common::v1::AgencyKind_Name(call->principal.kind))
        .Str("agency_id", call->principal.agency_id);
    if (!call->principal.actor.empty()) fields.Str("actor", call->principal.actor);
  }
  if (ServerSide(status.code())) {
    logging::Warn("rpc", "call", fields);
  } else {
    logging::Info("rpc", "call", fields);
  }
}

}  // namespace auxpro::rpc
