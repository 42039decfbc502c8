#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "libs/metrics/metrics.h"
#include "libs/rpc/call_context.h"
#include "libs/rpc/client_status.h"
#include "libs/rpc/error_info.h"
#include "libs/rpc/work_pool.h"

namespace auxpro::rpc {

// Runs a unary callback handler's body on the work pool: `body(const CallContext&)` returns
// absl::Status and fills the response. Answers RESOURCE_EXHAUSTED at once when the pool is full.
// The status is what rpc::ForClient lets a client see. Every answered call is counted
// (libs/metrics: by method, code and agency kind, with latency).
template <typename Body>
grpc::ServerUnaryReactor* Offload(grpc::CallbackServerContext* context, WorkPool& pool,
                                  std::string method, Body&& body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const bool queued = pool.TrySubmit(
      [reactor, context, method = std::move(method), body = std::forward<Body>(body)]() mutable {
        auto call = ContextOf(*context, method);
        if (!call.ok()) {
          reactor->Finish(ToGrpcWithDetails(ForClient(call.status(), method), ""));
          return;
        }
        // No SQL text, no unbounded echo of input (libs/rpc/client_status.h).
        const absl::Status status = ForClient(body(*call), method);
        metrics::RecordCall(method, common::v1::AgencyKind_Name(call->principal.kind),
                            absl::StatusCodeToString(status.code()),
                            absl::ToDoubleSeconds(absl::Now() - call->now));
        // The domain of an ErrorInfo is the service that answered.
        reactor->Finish(ToGrpcWithDetails(status, method.substr(0, method.find('/'))));
      });
  if (!queued) {
    reactor->Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "server busy: the work queue is full, retry with backoff"));
  }
  return reactor;
}

}  // namespace auxpro::rpc
