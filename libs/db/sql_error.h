#pragma once

#include <cppconn/exception.h>

#include "absl/status/status.h"

namespace auxpro::db {

// MySQL/MariaDB error numbers the code reacts to.
inline constexpr int kErrDuplicateEntry = 1062;
inline constexpr int kErrLockWaitTimeout = 1205;
inline constexpr int kErrDeadlock = 1213;
inline constexpr int kErrServerGone = 2006;
inline constexpr int kErrLostConnection = 2013;
inline constexpr int kErrCantConnect = 2002;
inline constexpr int kErrConnRefused = 2003;

// True when the connection itself is broken (server gone, connection lost): it must be replaced.
bool IsConnectionLost(int mysql_errno);

// Maps a driver exception to a canonical status: lost connection -> UNAVAILABLE, deadlock and lock
// wait timeout -> ABORTED, duplicate key -> ALREADY_EXISTS, everything else -> INTERNAL. The
// MySQL error number is kept as the "mysql_errno" payload.
absl::Status FromSqlException(const sql::SQLException& e, const char* what);

// The MySQL error number carried by a status made by FromSqlException, or 0.
int MysqlErrno(const absl::Status& status);

}  // namespace auxpro::db
