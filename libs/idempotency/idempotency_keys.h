#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/common/embedded_file.h"
#include "libs/db/transaction.h"

namespace auxpro::idempotency {

struct RequestKey {
  std::string caller;      // the caller's SPIFFE id: request ids are per caller
  std::string request_id;  // as sent
  std::string method;
  std::string digest;  // SHA-256 hex of the deterministic request bytes
};

// Checks that a request_id is a usable key: 1-36 ASCII characters from "!" to "~" (no space).
// INVALID_ARGUMENT naming `request_id` otherwise.
absl::Status ValidateRequestId(const std::string& request_id);

// Claims the key inside `tx`, the call's transaction. Returns:
// - nullopt: first time — go on, then Complete() in the same transaction;
// - the stored response bytes: a retry of a request already done — answer them, change nothing;
// - INVALID_ARGUMENT (REQUEST_ID_REUSED) when the key was used for a different request.
// Two concurrent calls with one key: the second waits on the first's row lock and, once the first
// commits, gets its response; if the first rolls back, the second proceeds as the first time.
absl::StatusOr<std::optional<std::string>> Claim(db::Transaction& tx, const RequestKey& key);

// Stores the response of a claimed key (same transaction as Claim).
absl::Status Complete(db::Transaction& tx, const RequestKey& key, const std::string& response);

const std::vector<EmbeddedFile>& Migrations();

}  // namespace auxpro::idempotency
