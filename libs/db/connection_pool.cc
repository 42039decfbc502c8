#include "libs/db/connection_pool.h"

#include <atomic>

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/db/pool_waiters.h"
#include "libs/db/sql_error.h"
#include "libs/db/transaction.h"

namespace auxpro::db {

namespace {

std::atomic<int> waiting_anywhere{0};

// The driver singleton is created lazily and its creation is not thread-safe.
sql::mysql::MySQL_Driver* Driver() {
  static sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
  return driver;
}

// Each thread that talks to the client library must initialise it once (mysql_thread_init).
void EnsureThreadInit() {
  struct ThreadGuard {
    ThreadGuard() { Driver()->threadInit(); }
    ~ThreadGuard() { Driver()->threadEnd(); }
  };
  thread_local ThreadGuard guard;
}

std::mutex& DriverMutex() {
  static std::mutex mu;
  return mu;
}

}  // namespace

PooledConnection::PooledConnection() = default;
PooledConnection::~PooledConnection() {
  statements.clear();  // statements before their connection
  if (conn) {
    try {
      conn->close();
    } catch (const sql::SQLException&) {
      // Closing a dead connection: nothing to do.
    }
  }
}

Lease::Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)), broken_(other.broken_) {
  other.pool_ = nullptr;
}

Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Return(std::move(conn_), broken_);
}

ConnectionPool::ConnectionPool(DbConfig config) : config_(std::move(config)) {}

ConnectionPool::~ConnectionPool() {
  std::unique_lock lock(mu_);
  idle_.clear();
}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Create(const DbConfig& config) {
  if (config.pool_size < 1) return absl::InvalidArgumentError("db pool_size must be at least 1");
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool(config));
  // Fail fast on wrong credentials or an unreachable server.
  auto first = pool->Open();
  if (!first.ok()) return first.status();
  pool->idle_.push_back({std::move(*first), std::chrono::steady_clock::now()});
  return pool;
}

absl::StatusOr<std::unique_ptr<PooledConnection>> ConnectionPool::Open() {
  EnsureThreadInit();
  sql::ConnectOptionsMap options;
  // A host that is a path is the server's Unix socket (a database on the same machine).
  options["hostName"] =
      sql::SQLString(absl::StartsWith(config_.host, "/")
                         ? absl::StrCat("unix://", config_.host)
                         : absl::StrCat("tcp://", config_.host, ":", config_.port));
  options["userName"] = sql::SQLString(config_.user);
  options["password"] = sql::SQLString(config_.password);
  if (!config_.schema.empty()) options["schema"] = sql::SQLString(config_.schema);
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  options["OPT_RECONNECT"] = false;  // reconnects are ours, never silent
  options["OPT_CONNECT_TIMEOUT"] = 5;
  if (config_.io_timeout.count() > 0) {
    options["OPT_READ_TIMEOUT"] = static_cast<int>(config_.io_timeout.count());
    options["OPT_WRITE_TIMEOUT"] = static_cast<int>(config_.io_timeout.count());
  }
  try {
    auto pc = std::make_unique<PooledConnection>();
    {
      std::lock_guard lock(DriverMutex());
      pc->conn.reset(Driver()->connect(options));
    }
    std::unique_ptr<sql::Statement> stmt(pc->conn->createStatement());
    stmt->execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
    stmt->execute("SET SESSION time_zone = '+00:00'");
    // Every statement sees the latest committed rows: check-then-write code takes its locks
    // (FOR UPDATE) and must not count from a snapshot older than the lock it waited for.
    stmt->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    stmt->execute(
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'");
    std::lock_guard lock(mu_);
    ++opened_;
    return pc;
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, "connect");
  }
}

int WaitingForConnections() { return waiting_anywhere.load(std::memory_order_relaxed); }

ConnectionPool::Stats ConnectionPool::stats() const {
  std::lock_guard lock(mu_);
  return {config_.pool_size, checked_out_, static_cast<int>(idle_.size()), waiting_};
}

absl::StatusOr<Lease> ConnectionPool::Acquire() {
  EnsureThreadInit();
  std::unique_ptr<PooledConnection> conn;
  bool needs_check = false;
  {
    std::unique_lock lock(mu_);
    ++waiting_;
    waiting_anywhere.fetch_add(1, std::memory_order_relaxed);
    const bool got = cv_.wait_for(lock, config_.checkout_timeout, [this] {
      return !idle_.empty() || checked_out_ < config_.pool_size;
    });
    --waiting_;
    waiting_anywhere.fetch_sub(1, std::memory_order_relaxed);
    if (!got) {
      return absl::UnavailableError(
          absl::StrCat("database pool exhausted: all ", config_.pool_size, " connections busy"));
    }
    ++checked_out_;
    if (!idle_.empty()) {
      Idle idle = std::move(idle_.back());
      idle_.pop_back();
      needs_check = std::chrono::steady_clock::now() - idle.since > config_.validate_after_idle;
      conn = std::move(idle.conn);
    }
  }
  if (conn && needs_check) {
    bool alive = false;
    try {
      alive = conn->conn->isValid();
    } catch (const sql::SQLException&) {
      alive = false;
    }
    if (!alive) conn.reset();
  }
  if (!conn) {
    auto opened = Open();
    if (!opened.ok()) {
      std::lock_guard lock(mu_);
      --checked_out_;
      cv_.notify_one();
      return opened.status();
    }
    conn = std::move(*opened);
  }
  return Lease(this, std::move(conn));
}

void ConnectionPool::Return(std::unique_ptr<PooledConnection> conn, bool broken) {
  std::vector<Idle> dropped;
  {
    std::lock_guard lock(mu_);
    --checked_out_;
    if (!broken) {
      idle_.push_back({std::move(conn), std::chrono::steady_clock::now()});
    } else {
      // A lost connection usually means the server went away (restart, failover): the idle
      // connections opened before it are dead too. Dropped now, the next calls open fresh ones
      // instead of each failing once on a dead one after the database is back.
      dropped.swap(idle_);
    }
  }
  cv_.notify_all();
  // The broken connection and the dropped ones are closed here, outside the lock.
}

int64_t ConnectionPool::connections_opened() const {
  std::lock_guard lock(mu_);
  return opened_;
}

absl::Status ConnectionPool::Transact(const std::function<absl::Status(Transaction&)>& fn) {
  auto scope = TransactionScope::Begin(*this);
  if (!scope.ok()) return scope.status();
  absl::Status result;
  try {
    result = fn((*scope)->tx());
  } catch (const std::exception& e) {
    result = absl::InternalError(absl::StrCat("unexpected error in transaction: ", e.what()));
  }
  if (!result.ok()) return result;  // the scope rolls back
  return (*scope)->Commit();
}

absl::Status ConnectionPool::Read(const std::function<absl::Status(Transaction&)>& fn) {
  for (int attempt = 0;; ++attempt) {
    auto lease = Acquire();
    if (!lease.ok()) return lease.status();
    Transaction tx(*lease);
    const auto started = std::chrono::steady_clock::now();
    absl::Status result = fn(tx);
    if (result.ok() || !lease->broken() || attempt == 1) return result;
    // A read that ran into the io timeout is not run again: the database is slow or hung, and a
    // second copy would double its load (the first may still be running there).
    if (config_.io_timeout.count() > 0 &&
        std::chrono::steady_clock::now() - started >= config_.io_timeout) {
      return result;
    }
    // The connection was lost under a read: safe to run the read again on a new connection.
  }
}

}  // namespace auxpro::db
