#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/connection_pool.h"

namespace auxpro::db {

// A bound statement parameter.
class Param {
 public:
  Param(std::nullptr_t) : value_(nullptr) {}
  Param(int v) : value_(static_cast<int64_t>(v)) {}
  Param(int64_t v) : value_(v) {}
  Param(uint32_t v) : value_(static_cast<int64_t>(v)) {}
  Param(double v) : value_(v) {}
  Param(bool v) : value_(static_cast<int64_t>(v ? 1 : 0)) {}
  Param(const char* v) : value_(std::string(v)) {}
  Param(std::string v) : value_(std::move(v)) {}
  Param(std::string_view v) : value_(std::string(v)) {}
  // NULL when empty.
  static Param NullIfEmpty(const std::string& v) { return v.empty() ? Param(nullptr) : Param(v); }

  const std::variant<std::nullptr_t, int64_t, double, std::string>& value() const { return value_; }

 private:
  std::variant<std::nullptr_t, int64_t, double, std::string> value_;
};

// One result row, copied out of the driver's result set (values as text, NULL as nullopt).
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> values) : values_(std::move(values)) {}
  bool IsNull(size_t i) const { return !values_.at(i).has_value(); }
  // Text of column i; "" for NULL.
  const std::string& Str(size_t i) const;
  int64_t Int(size_t i) const;  // 0 for NULL
  double Double(size_t i) const;
  bool Bool(size_t i) const { return Int(i) != 0; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<std::optional<std::string>> values_;
};

// Statements on one leased connection. Made by ConnectionPool::Transact (inside START TRANSACTION
// ... COMMIT) or ConnectionPool::Read (autocommit). All store SQL goes through Exec/Query, with
// `?` placeholders bound from params: never concatenate values into SQL.
class Transaction {
 public:
  explicit Transaction(Lease& lease) : lease_(lease) {}

  // Runs a statement; returns the number of affected rows.
  absl::StatusOr<int64_t> Exec(const std::string& sql, const std::vector<Param>& params = {});
  absl::StatusOr<std::vector<Row>> Query(const std::string& sql,
                                         const std::vector<Param>& params = {});
  // At most one row; nullopt when none.
  absl::StatusOr<std::optional<Row>> QueryOne(const std::string& sql,
                                              const std::vector<Param>& params = {});
  // AUTO_INCREMENT value of the last insert on this connection.
  absl::StatusOr<int64_t> LastInsertId();

  Lease& lease() { return lease_; }

 private:
  absl::StatusOr<sql::PreparedStatement*> Prepare(const std::string& sql,
                                                  const std::vector<Param>& params);
  Lease& lease_;
};

// An open transaction owning its connection (RAII): START TRANSACTION on Begin, ROLLBACK on
// destruction unless Commit() succeeded. ConnectionPool::Transact is built on it; use it directly
// only where a function-shaped transaction does not fit.
class TransactionScope {
 public:
  // START TRANSACTION on a pooled connection; on a connection found lost there (nothing has run
  // yet), once more on a fresh one.
  static absl::StatusOr<std::unique_ptr<TransactionScope>> Begin(ConnectionPool& pool);
  ~TransactionScope();
  TransactionScope(const TransactionScope&) = delete;
  TransactionScope& operator=(const TransactionScope&) = delete;

  Transaction& tx() { return tx_; }
  // COMMIT. A failed COMMIT leaves the outcome unknown: the connection is discarded and the
  // error (UNAVAILABLE for a lost connection) returned; the work is never re-run here.
  absl::Status Commit();
  // ROLLBACK now (also done by the destructor).
  void Rollback();

 private:
  explicit TransactionScope(Lease lease) : lease_(std::move(lease)), tx_(lease_) {}
  Lease lease_;
  Transaction tx_;
  bool open_ = true;
};

}  // namespace auxpro::db
