#include "libs/idempotency/idempotency_keys.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace auxpro::idempotency::migrations {
const std::vector<auxpro::EmbeddedFile>& Files();
}  // namespace auxpro::idempotency::migrations

namespace auxpro::idempotency {

const std::vector<EmbeddedFile>& Migrations() { return migrations::Files(); }

absl::Status ValidateRequestId(const std::string& request_id) {
  if (request_id.empty()) {
    return absl::InvalidArgumentError("request_id: required on every mutating call (a UUID)");
  }
  if (request_id.size() > 36) {
    return absl::InvalidArgumentError(
        absl::StrCat("request_id: at most 36 characters, got ", request_id.size()));
  }
  for (size_t i = 0; i < request_id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(request_id[i]);
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(absl::StrCat(
          "request_id: ASCII letters, digits and punctuation only (no spaces or control "
          "characters); character ",
          i + 1, " is ", c == ' ' ? std::string("a space") : absl::StrCat("byte ", c)));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> Claim(db::Transaction& tx, const RequestKey& key) {
  // Insert a placeholder; the row lock it takes is what makes a concurrent twin wait.
  auto inserted = tx.Exec(
      "INSERT IGNORE INTO idempotency_keys (caller, request_id, method, request_digest, response) "
      "VALUES (?, ?, ?, ?, '')",
      {key.caller, key.request_id, key.method, key.digest});
  if (!inserted.ok()) return inserted.status();
  if (*inserted == 1) return std::optional<std::string>();
  // Already there (committed by an earlier or concurrent call): a locking read sees the latest.
  auto row = tx.QueryOne(
      "SELECT method, request_digest, response FROM idempotency_keys "
      "WHERE caller = ? AND request_id = ? LOCK IN SHARE MODE",
      {key.caller, key.request_id});
  if (!row.ok()) return row.status();
  if (!*row) return absl::AbortedError("request_id: concurrent use, retry");
  if ((*row)->Str(0) != key.method || (*row)->Str(1) != key.digest) {
    return absl::InvalidArgumentError(
        absl::StrCat("REQUEST_ID_REUSED: request_id \"", key.request_id, "\" was already used by ",
                     (*row)->Str(0), " with a different request; use a new request_id"));
  }
  std::string bytes;
  if (!absl::Base64Unescape((*row)->Str(2), &bytes)) {
    return absl::InternalError("stored response is corrupt");
  }
  return std::optional<std::string>(std::move(bytes));
}

absl::Status Complete(db::Transaction& tx, const RequestKey& key, const std::string& response) {
  auto updated =
      tx.Exec("UPDATE idempotency_keys SET response = ? WHERE caller = ? AND request_id = ?",
              {absl::Base64Escape(response), key.caller, key.request_id});
  return updated.status();
}

}  // namespace auxpro::idempotency
