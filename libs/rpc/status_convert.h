#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace auxpro::rpc {

// absl and gRPC share the canonical code numbers; the message is kept as is.
grpc::Status ToGrpc(const absl::Status& status);

}  // namespace auxpro::rpc
