#pragma once

// Calling a service as a partner would: a fresh context per call with the actor metadata and a
// deadline, and a fresh request_id on every mutating request that has none.

#include <google/protobuf/message.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <string>

namespace auxpro::testing {

// A new request id (a UUID), unique per call.
std::string FreshRequestId();

// Sets `request_id` (when the message has that field and it is empty) to a fresh id.
void FillRequestId(google::protobuf::Message& request);

struct CallOptions {
  std::string actor = "test-actor";
  std::chrono::milliseconds deadline{20000};
  // Wait for the channel to connect (until the deadline) instead of failing at once while it is
  // in TRANSIENT_FAILURE: a retrying client must, or its reconnection may never complete (see
  // tests/e2e/fault_server_kill_test.cc).
  bool wait_for_ready = false;
};

// Calls `method` of `stub`, e.g. Call(*stub, &v1::Personnel::Stub::CreateUnit, request, &unit).
// The request is copied so that a request_id can be filled in.
template <typename Stub, typename Request, typename Response>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                  Request request, Response* response, const CallOptions& options = {}) {
  FillRequestId(request);
  grpc::ClientContext context;
  if (!options.actor.empty()) context.AddMetadata("x-auxpro-actor", options.actor);
  context.set_deadline(std::chrono::system_clock::now() + options.deadline);
  if (options.wait_for_ready) context.set_wait_for_ready(true);
  return (stub.*method)(&context, request, response);
}

}  // namespace auxpro::testing
