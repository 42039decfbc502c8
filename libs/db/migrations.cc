#include "libs/db/migrations.h"

#include <cctype>
#include <chrono>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "libs/common/digest.h"
#include "libs/db/transaction.h"

namespace auxpro::db {

namespace {

bool IsBlank(const std::string& s) {
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

absl::StatusOr<int> VersionOf(const std::string& name) {
  size_t digits = 0;
  while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
  if (digits == 0 || digits >= name.size() || name[digits] != '_') {
    return absl::InvalidArgumentError(
        absl::StrCat("migration file \"", name, "\" must be named NNNN_description.sql"));
  }
  return std::atoi(name.substr(0, digits).c_str());
}

}  // namespace

std::vector<std::string> SplitStatements(const std::string& text) {
  std::vector<std::string> statements;
  std::string current;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    std::string trimmed = line;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
      trimmed.pop_back();
    }
    size_t first = trimmed.find_first_not_of(" \t");
    if (first != std::string::npos && trimmed.compare(first, 2, "--") == 0) continue;
    current += line;
    current += '\n';
    if (!trimmed.empty() && trimmed.back() == ';') {
      current.erase(current.find_last_of(';'));
      if (!IsBlank(current)) statements.push_back(current);
      current.clear();
    }
  }
  if (!IsBlank(current)) statements.push_back(current);
  return statements;
}

absl::Status ApplyMigrations(ConnectionPool& runtime, const std::string& component,
                             const std::vector<EmbeddedFile>& files) {
  // A connection of its own without the pool's read timeout (DbConfig::io_timeout): the lock below
  // waits up to 120 s for another replica's migrations, and DDL may run longer than any statement
  // of a call (an ALTER of a big table, a metadata-lock wait behind an old replica's transaction).
  DbConfig config = runtime.config();
  config.pool_size = 1;
  config.io_timeout = std::chrono::seconds(0);
  auto own = ConnectionPool::Create(config);
  if (!own.ok()) return own.status();
  ConnectionPool& pool = **own;
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  Transaction conn(*lease);
  auto locked = conn.QueryOne("SELECT GET_LOCK(CONCAT('auxpro_migrate.', DATABASE()), 120)");
  if (!locked.ok()) return locked.status();
  if (!*locked || (*locked)->Int(0) != 1) {
    return absl::UnavailableError("migrations: could not take the migration lock within 120 s");
  }
  auto run = [&]() -> absl::Status {
    // Nothing but SELECTs when every migration is applied, so that the service's runtime user,
    // which holds data privileges only (deploy/mysql/service_schema.sql.in), can start; DDL is the
    // migration user's (`--migrate_only`).
    auto tables = conn.QueryOne(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND "
        "table_name IN ('schema_migrations', 'schema_migration_steps')");
    if (!tables.ok()) return tables.status();
    const bool bookkeeping = *tables && (*tables)->Int(0) == 2;
    if (!bookkeeping) {
      auto created = conn.Exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " component VARCHAR(64) NOT NULL, version INT NOT NULL, name VARCHAR(255) NOT NULL,"
          " checksum CHAR(64) NOT NULL, applied_at DATETIME(6) NOT NULL DEFAULT "
          "CURRENT_TIMESTAMP(6),"
          " PRIMARY KEY (component, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
      if (!created.ok()) return created.status();
      // DDL commits statement by statement: a run cut short inside a file resumes after the last
      // statement it completed instead of failing on "table already exists".
      auto steps = conn.Exec(
          "CREATE TABLE IF NOT EXISTS schema_migration_steps ("
          " component VARCHAR(64) NOT NULL, version INT NOT NULL, statement INT NOT NULL,"
          " checksum CHAR(64) NOT NULL, PRIMARY KEY (component, version, statement))"
          " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
      if (!steps.ok()) return steps.status();
    }
    for (const EmbeddedFile& file : files) {
      auto version = VersionOf(file.name);
      if (!version.ok()) return version.status();
      const std::string checksum = Sha256Hex(file.content);
      auto applied = conn.QueryOne(
          "SELECT checksum FROM schema_migrations WHERE component = ? AND version = ?",
          {component, *version});
      if (!applied.ok()) return applied.status();
      if (*applied) {
        if ((*applied)->Str(0) != checksum) {
          return absl::FailedPreconditionError(
              absl::StrCat("migration ", component, "/", file.name,
                           " was changed after it was applied; add a new migration instead"));
        }
        continue;
      }
      const std::vector<std::string> statements = SplitStatements(file.content);
      for (size_t i = 0; i < statements.size(); ++i) {
        const std::string statement_checksum = Sha256Hex(statements[i]);
        auto done_before = conn.QueryOne(
            "SELECT checksum FROM schema_migration_steps WHERE component = ? AND version = ? AND "
            "statement = ?",
            {component, *version, static_cast<int>(i)});
        if (!done_before.ok()) return done_before.status();
        if (*done_before && (*done_before)->Str(0) == statement_checksum) continue;
        auto done = conn.Exec(statements[i]);
        if (!done.ok() &&
            std::string(done.status().message()).find("command denied") != std::string::npos) {
          return absl::FailedPreconditionError(absl::StrCat(
              "migration ", component, "/", file.name,
              " is not applied and this database user may not apply it: run auxpro-server "
              "--migrate_only (as the migration user) first"));
        }
        if (!done.ok()) {
          return absl::Status(
              done.status().code(),
              absl::StrCat("migration ", component, "/", file.name, ": ", done.status().message()));
        }
        auto step = conn.Exec(
            "REPLACE INTO schema_migration_steps (component, version, statement, checksum) "
            "VALUES (?, ?, ?, ?)",
            {component, *version, static_cast<int>(i), statement_checksum});
        if (!step.ok()) return step.status();
      }
      auto recorded = conn.Exec(
          "INSERT INTO schema_migrations (component, version, name, checksum) VALUES (?, ?, ?, ?)",
          {component, *version, file.name, checksum});
      if (!recorded.ok()) return recorded.status();
    }
    return absl::OkStatus();
  };
  absl::Status result = run();
  auto released = conn.Exec("DO RELEASE_LOCK(CONCAT('auxpro_migrate.', DATABASE()))");
  if (result.ok() && !released.ok()) return released.status();
  return result;
}

}  // namespace auxpro::db
