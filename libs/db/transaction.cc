#include "libs/db/transaction.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <cstdlib>
#include <memory>

#include "libs/db/sql_error.h"

namespace auxpro::db {

namespace {
const std::string kEmpty;
}  // namespace

const std::string& Row::Str(size_t i) const {
  const auto& v = values_.at(i);
  return v ? *v : kEmpty;
}

int64_t Row::Int(size_t i) const {
  const auto& v = values_.at(i);
  return v ? std::strtoll(v->c_str(), nullptr, 10) : 0;
}

double Row::Double(size_t i) const {
  const auto& v = values_.at(i);
  return v ? std::strtod(v->c_str(), nullptr) : 0.0;
}

absl::StatusOr<sql::PreparedStatement*> Transaction::Prepare(const std::string& sql,
                                                             const std::vector<Param>& params) {
  PooledConnection& pc = lease_.connection();
  auto it = pc.statements.find(sql);
  if (it == pc.statements.end()) {
    std::unique_ptr<sql::PreparedStatement> stmt(pc.conn->prepareStatement(sql));
    it = pc.statements.emplace(sql, std::move(stmt)).first;
  }
  sql::PreparedStatement* stmt = it->second.get();
  stmt->clearParameters();
  for (size_t i = 0; i < params.size(); ++i) {
    const unsigned int index = static_cast<unsigned int>(i + 1);
    const auto& v = params[i].value();
    if (std::holds_alternative<std::nullptr_t>(v)) {
      stmt->setNull(index, 0);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      stmt->setInt64(index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      stmt->setDouble(index, *d);
    } else {
      stmt->setString(index, std::get<std::string>(v));
    }
  }
  return stmt;
}

absl::StatusOr<int64_t> Transaction::Exec(const std::string& sql,
                                          const std::vector<Param>& params) {
  try {
    if (params.empty()) {
      // Control statements (START TRANSACTION, COMMIT) and DDL go unprepared.
      std::unique_ptr<sql::Statement> stmt(lease_.connection().conn->createStatement());
      if (stmt->execute(sql)) return int64_t{0};
      return static_cast<int64_t>(stmt->getUpdateCount());
    }
    auto stmt = Prepare(sql, params);
    if (!stmt.ok()) return stmt.status();
    return static_cast<int64_t>((*stmt)->executeUpdate());
  } catch (const sql::SQLException& e) {
    if (IsConnectionLost(e.getErrorCode())) lease_.MarkBroken();
    return FromSqlException(e, "exec");
  }
}

absl::StatusOr<std::vector<Row>> Transaction::Query(const std::string& sql,
                                                    const std::vector<Param>& params) {
  try {
    auto stmt = Prepare(sql, params);
    if (!stmt.ok()) return stmt.status();
    std::unique_ptr<sql::ResultSet> rs((*stmt)->executeQuery());
    const unsigned int columns = rs->getMetaData()->getColumnCount();
    std::vector<Row> rows;
    while (rs->next()) {
      std::vector<std::optional<std::string>> values;
      values.reserve(columns);
      for (unsigned int c = 1; c <= columns; ++c) {
        if (rs->isNull(c)) {
          values.emplace_back(std::nullopt);
        } else {
          values.emplace_back(std::string(rs->getString(c)));
        }
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  } catch (const sql::SQLException& e) {
    if (IsConnectionLost(e.getErrorCode())) lease_.MarkBroken();
    return FromSqlException(e, "query");
  }
}

absl::StatusOr<std::optional<Row>> Transaction::QueryOne(const std::string& sql,
                                                         const std::vector<Param>& params) {
  auto rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows->front()));
}

absl::StatusOr<int64_t> Transaction::LastInsertId() {
  auto row = QueryOne("SELECT LAST_INSERT_ID()");
  if (!row.ok()) return row.status();
  return (*row)->Int(0);
}

absl::StatusOr<std::unique_ptr<TransactionScope>> TransactionScope::Begin(ConnectionPool& pool) {
  for (int attempt = 0;; ++attempt) {
    auto lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    std::unique_ptr<TransactionScope> scope(new TransactionScope(std::move(*lease)));
    auto begin = scope->tx_.Exec("START TRANSACTION");
    if (begin.ok()) return scope;
    scope->open_ = false;
    // A connection that died while idle (the database restarted) fails here, before anything
    // ran: safe to begin again on a fresh one (the pool drops its other idle connections with it).
    if (attempt == 1 || !scope->lease_.broken()) return begin.status();
  }
}

absl::Status TransactionScope::Commit() {
  if (!open_) return absl::FailedPreconditionError("transaction already ended");
  open_ = false;
  auto commit = tx_.Exec("COMMIT");
  if (!commit.ok()) {
    lease_.MarkBroken();
    return commit.status();
  }
  return absl::OkStatus();
}

void TransactionScope::Rollback() {
  if (!open_) return;
  open_ = false;
  if (lease_.broken()) return;
  if (auto rollback = tx_.Exec("ROLLBACK"); !rollback.ok()) lease_.MarkBroken();
}

TransactionScope::~TransactionScope() { Rollback(); }

}  // namespace auxpro::db
