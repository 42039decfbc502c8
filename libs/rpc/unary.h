#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "libs/metrics/metrics.h"
#include "libs/rpc/call_context.h"
#include "libs/rpc/call_log.h"
#include "libs/rpc/client_status.h"
#include "libs/rpc/error_info.h"
#include "libs/rpc/work_pool.h"

namespace auxpro::rpc {

// Runs `body` for one call and finishes it: the call's context, the handler's status as a client
// may see it (rpc::ForClient), the call counted (libs/metrics: by method, code and agency kind,
// with latency) and logged (call_log.h; `request`, when given, supplies the request_id once the
// body has run).
template <typename Body>
void Answer(grpc::ServerUnaryReactor* reactor, grpc::CallbackServerContext* context,
            const std::string& method, Body& body, const google::protobuf::Message* request) {
  auto call = ContextOf(*context, method);
  if (!call.ok()) {
    const absl::Status refused = ForClient(call.status(), method);
    LogCall(method, nullptr, request, refused, 0);
    reactor->Finish(ToGrpcWithDetails(refused, ""));
    return;
  }
  // No SQL text, no unbounded echo of input (libs/rpc/client_status.h, which logs what it
  // hides under a reference the client sees).
  const absl::Status status = ForClient(body(*call), method);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - call->now);
  metrics::RecordCall(method, common::v1::AgencyKind_Name(call->principal.kind),
                      absl::StatusCodeToString(status.code()), seconds);
  LogCall(method, &*call, request, status, seconds);
  // The domain of an ErrorInfo is the service that answered.
  reactor->Finish(ToGrpcWithDetails(status, method.substr(0, method.find('/'))));
}

// Runs a unary callback handler's body: `body(const CallContext&)` returns absl::Status and fills
// the response. On the work pool, or — with `inline_ok`, for a body that only reads its own
// database (never a peer, never a lock wait) — on gRPC's own thread while fewer than the inline
// limit do so (work_pool.h, TryEnterInline): that saves the hand-off to the pool and the hop back
// to gRPC's executor that finishing from a foreign thread costs. Answers RESOURCE_EXHAUSTED at
// once when the pool is full.
template <typename Body>
grpc::ServerUnaryReactor* Offload(grpc::CallbackServerContext* context, WorkPool& pool,
                                  std::string method, Body&& body,
                                  const google::protobuf::Message* request = nullptr,
                                  bool inline_ok = false) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (inline_ok && TryEnterInline()) {
    Answer(reactor, context, method, body, request);
    LeaveInline();
    return reactor;
  }
  const absl::Time received = absl::Now();
  const bool queued = pool.TrySubmit(
      [reactor, context, request, method, body = std::forward<Body>(body)]() mutable {
        Answer(reactor, context, method, body, request);
      });
  if (!queued) {
    const absl::Status busy = absl::ResourceExhaustedError("work queue full");
    LogCall(method, nullptr, request, busy, absl::ToDoubleSeconds(absl::Now() - received));
    reactor->Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "server busy: the work queue is full, retry with backoff"));
  }
  return reactor;
}

}  // namespace auxpro::rpc
