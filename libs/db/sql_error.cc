#include "libs/db/sql_error.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace auxpro::db {

bool IsConnectionLost(int mysql_errno) {
  return mysql_errno == kErrServerGone || mysql_errno == kErrLostConnection ||
         mysql_errno == kErrCantConnect || mysql_errno == kErrConnRefused;
}

absl::Status FromSqlException(const sql::SQLException& e, const char* what) {
  const int code = e.getErrorCode();
  const std::string message = absl::StrCat(what, ": ", e.what(), " (mysql error ", code, ")");
  absl::Status status;
  if (IsConnectionLost(code)) {
    status = absl::UnavailableError(absl::StrCat("database unavailable: ", message));
  } else if (code == kErrDeadlock || code == kErrLockWaitTimeout) {
    status = absl::AbortedError(absl::StrCat("concurrent change, retry: ", message));
  } else if (code == 1406 || code == 1264 || code == 1366 || code == 1292 || code == 4025) {
    // Data too long, out of range, incorrect value, CHECK constraint: the caller's input, which
    // validation should have refused first (rpc::ForClient hides this message from the client).
    status = absl::InvalidArgumentError(message);
  } else if (code == kErrDuplicateEntry) {
    status = absl::AlreadyExistsError(message);
  } else {
    status = absl::InternalError(message);
  }
  status.SetPayload("mysql_errno", absl::Cord(std::to_string(code)));
  return status;
}

int MysqlErrno(const absl::Status& status) {
  auto payload = status.GetPayload("mysql_errno");
  if (!payload) return 0;
  return std::stoi(std::string(*payload));
}

}  // namespace auxpro::db
