#pragma once

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"
#include "libs/rpc/call_context.h"

namespace auxpro::rpc {

// The access log: one JSON line (libs/log, module "rpc", msg "call") per answered call with
// service, method, code, ErrorInfo reason, latency_ms, request_id (the request's `request_id`
// field, when it has one), jurisdiction, agency_kind, agency_id and actor. `call` is null when the
// caller's context was refused (a malformed actor). Never the request or the status message,
// which may echo what the caller sent (a national ID).
void LogCall(const std::string& method, const CallContext* call,
             const google::protobuf::Message* request, const absl::Status& status, double seconds);

// The request's string field `request_id`, "" without one.
std::string RequestIdOf(const google::protobuf::Message& request);

}  // namespace auxpro::rpc
