#include "libs/rpc/call_context.h"

#include "absl/time/clock.h"

namespace auxpro::rpc {

absl::StatusOr<CallContext> ContextOf(const grpc::CallbackServerContext& context,
                                      const std::string& method) {
  auto principal = auth::PrincipalOfCall(context);
  if (!principal.ok()) return principal.status();
  return CallContext{std::move(*principal), method, absl::Now()};
}

}  // namespace auxpro::rpc
