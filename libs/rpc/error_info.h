#pragma once

#include <grpcpp/support/status.h>

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"

namespace auxpro::rpc {

// google.rpc.ErrorInfo (AIP-193): a machine-readable reason (UPPER_SNAKE), the domain (the
// gRPC service that answered, e.g. "auxpro.personnel.v1.Personnel") and the values involved.
struct ErrorInfo {
  std::string reason;
  std::string domain;
  std::map<std::string, std::string> metadata;
};

// Returns `status` carrying `info` (domain left empty: the RPC layer fills in the service).
// The message stays the human sentence; clients that need the values read the ErrorInfo from
// the `grpc-status-details-bin` trailer, a google.rpc.Status whose details hold it.
absl::Status WithErrorInfo(absl::Status status, const std::string& reason,
                           std::map<std::string, std::string> metadata = {});

// The ErrorInfo a status carries, if any.
std::optional<ErrorInfo> ErrorInfoOf(const absl::Status& status);

// A gRPC status with the same code and message and, when `status` carries an ErrorInfo, the
// google.rpc.Status details (with `domain` set where it was empty).
grpc::Status ToGrpcWithDetails(const absl::Status& status, const std::string& domain);

// Decodes the ErrorInfo from a gRPC status's details (for clients and tests).
std::optional<ErrorInfo> ErrorInfoOf(const grpc::Status& status);

}  // namespace auxpro::rpc
