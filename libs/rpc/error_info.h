#pragma once

#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "libs/common/errors.h"

namespace auxpro::rpc {

using ::auxpro::ErrorInfo;
using ::auxpro::ErrorInfoOf;
using ::auxpro::WithErrorInfo;

// A gRPC status with the same code and message and, when `status` carries an ErrorInfo, the
// google.rpc.Status details (with `domain` set where it was empty).
grpc::Status ToGrpcWithDetails(const absl::Status& status, const std::string& domain);

// Decodes the ErrorInfo from a gRPC status's details (for clients and tests).
std::optional<ErrorInfo> ErrorInfoOf(const grpc::Status& status);

}  // namespace auxpro::rpc
