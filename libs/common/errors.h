#pragma once

// Error constructors every service uses, so that messages read the same (API-STYLE "Errors"):
// one English sentence naming the field or rule and the values; machine-readable values in a
// google.rpc.ErrorInfo where a client acts on them.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace auxpro {

// INVALID_ARGUMENT: a malformed field, e.g. Invalid("person.full_name: required").
absl::Status Invalid(std::string_view message);
// FAILED_PRECONDITION: a rule says no in the current state.
absl::Status Precondition(std::string_view message);
// NOT_FOUND `<what> "<name>" not found`, e.g. NotFound("person", "jurisdictions/w/persons/p-1").
absl::Status NotFound(std::string_view what, std::string_view name);
// ALREADY_EXISTS.
absl::Status AlreadyExists(std::string_view message);

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

}  // namespace auxpro
