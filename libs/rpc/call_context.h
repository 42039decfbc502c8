#pragma once

#include <grpcpp/server_context.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"

namespace auxpro::rpc {

// What a handler knows about the call it serves: who, which method, when.
struct CallContext {
  auth::Principal principal;
  std::string method;  // "auxpro.personnel.v1.Personnel/HirePerson"
  absl::Time now;
};

// Builds the context of a server call (principal from the verified certificate, actor from
// metadata, method from the call, now from the clock).
absl::StatusOr<CallContext> ContextOf(const grpc::CallbackServerContext& context,
                                      const std::string& method);

}  // namespace auxpro::rpc
