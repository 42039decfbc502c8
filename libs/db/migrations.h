#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "libs/common/embedded_file.h"
#include "libs/db/connection_pool.h"

namespace auxpro::db {

// Applies numbered migrations ("0001_create_persons.sql", ...) of one component ("audit",
// "personnel", ...) to the pool's schema, in order, each once. Applied migrations are recorded in
// `schema_migrations (component, version, name, checksum, applied_at)`; an applied migration whose
// file has changed since is an error (FAILED_PRECONDITION) rather than silently skipped. The whole
// run holds the named lock `auxpro_migrate.<schema>` (GET_LOCK), so replicas that start together
// apply each migration exactly once.
//
// DDL commits statement by statement, so each completed statement is also recorded (with its
// checksum) in `schema_migration_steps`: a run cut short inside a file resumes after the last
// statement it completed.
//
// A file holds one or more statements separated by a line that ends with ';'. Statements must not
// contain ';' at a line end inside string literals.
absl::Status ApplyMigrations(ConnectionPool& pool, const std::string& component,
                             const std::vector<EmbeddedFile>& files);

// Splits a migration file into statements (exposed for tests).
std::vector<std::string> SplitStatements(const std::string& text);

}  // namespace auxpro::db
