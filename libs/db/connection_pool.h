#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace auxpro::db {

class Transaction;

struct DbConfig {
  // A name or address, or the path of the server's Unix socket (starts with '/'; port unused).
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  std::string schema;
  int pool_size = 8;
  // How long Acquire waits for a free connection before UNAVAILABLE.
  std::chrono::milliseconds checkout_timeout{5000};
  // A connection idle longer than this is pinged before use and replaced if dead.
  std::chrono::seconds validate_after_idle{30};
  // A read or write on the connection that stalls this long fails (Connector/C's read and write
  // timeouts): a hung database costs a call this long instead of holding its thread for good.
  // Longer than InnoDB's lock wait (50 s by default), so that a statement waiting for a row lock
  // gets the lock-wait error, not this one. 0: no limit.
  std::chrono::seconds io_timeout{60};
};

class ConnectionPool;

// A driver connection with its prepared statements (prepared once per connection, by SQL text).
struct PooledConnection {
  PooledConnection();
  ~PooledConnection();
  std::unique_ptr<sql::Connection> conn;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements;
};

// One connection, checked out exclusively (Connector/C++ connections are not thread-safe). Returns
// itself to the pool when destroyed; a connection marked broken is closed instead and a new one is
// opened on a later Acquire.
class Lease {
 public:
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  ~Lease();

  PooledConnection& connection() { return *conn_; }
  // The connection hit a lost-connection error: do not reuse it.
  void MarkBroken() { broken_ = true; }
  bool broken() const { return broken_; }

 private:
  friend class ConnectionPool;
  Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> conn);
  ConnectionPool* pool_;
  std::unique_ptr<PooledConnection> conn_;
  bool broken_ = false;
};

// A bounded pool of MySQL Connector/C++ connections (utf8mb4, no driver auto-reconnect).
//
// Reconnect policy: a connection that fails with a lost-connection error (2006/2013) is discarded,
// and with it the idle connections (after a server restart they are all dead; reopened on demand).
// Read() runs its function again once on a fresh connection, because a read has no effect;
// Transact() begins again once on a fresh connection when START TRANSACTION finds the connection
// lost (nothing ran yet), but never re-runs its function — the caller gets UNAVAILABLE and
// decides, because a transaction whose COMMIT was lost may or may not have happened.
class ConnectionPool {
 public:
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Create(const DbConfig& config);
  ~ConnectionPool();

  absl::StatusOr<Lease> Acquire();

  // Runs `fn` inside one transaction: COMMIT if it returns OK, ROLLBACK otherwise (also when it
  // throws). Never retried.
  absl::Status Transact(const std::function<absl::Status(Transaction&)>& fn);
  // Runs `fn` on a connection (autocommit, consistent reads); retried once on a lost connection.
  absl::Status Read(const std::function<absl::Status(Transaction&)>& fn);

  const DbConfig& config() const { return config_; }
  // Connections opened since the pool was created (for tests of the reconnect path).
  int64_t connections_opened() const;

  // What the pool holds now (for metrics).
  struct Stats {
    int size = 0;     // at most this many connections
    int in_use = 0;   // checked out
    int idle = 0;     // open and free
    int waiting = 0;  // callers waiting for a connection
  };
  Stats stats() const;

 private:
  explicit ConnectionPool(DbConfig config);
  absl::StatusOr<std::unique_ptr<PooledConnection>> Open();
  void Return(std::unique_ptr<PooledConnection> conn, bool broken);

  struct Idle {
    std::unique_ptr<PooledConnection> conn;
    std::chrono::steady_clock::time_point since;
  };
  friend class Lease;
  DbConfig config_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Idle> idle_;
  int checked_out_ = 0;
  int waiting_ = 0;
  int64_t opened_ = 0;
};

}  // namespace auxpro::db
