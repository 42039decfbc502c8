#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "libs/db/connection_pool.h"
#include "libs/db/transaction.h"

namespace auxpro::db {

// A MariaDB user-level lock (GET_LOCK) for work that one replica at a time does on a schema (the
// outbox relay, the grading sweep). The lock is named `prefix` + the schema's name + `suffix`, and
// lives with the session of one pooled connection: held while the holder works (on that
// connection, conn(), or on others), released when the NamedLock goes, or by the server when the
// connection or the process dies. A release that fails closes the connection instead of returning
// it to the pool, where the lock would stay with the session and keep every other replica out.
class NamedLock {
 public:
  // Tries the lock without waiting: the held lock, or nullptr when another session holds it.
  // UNAVAILABLE when GET_LOCK answers NULL (it failed); the pool's or the query's error otherwise.
  static absl::StatusOr<std::unique_ptr<NamedLock>> TryAcquire(ConnectionPool& pool,
                                                               const std::string& prefix,
                                                               const std::string& suffix = "");
  NamedLock(const NamedLock&) = delete;
  NamedLock& operator=(const NamedLock&) = delete;
  ~NamedLock();  // Release() unless done

  // Releases the lock now: false when the release failed and the connection was closed instead.
  bool Release();

  // The connection whose session holds the lock (the relay works on it).
  Transaction& conn() { return conn_; }

 private:
  NamedLock(Lease lease, std::string prefix, std::string suffix);
  Lease lease_;
  Transaction conn_;
  std::string prefix_;
  std::string suffix_;
  bool held_ = false;
};

}  // namespace auxpro::db
