#include "libs/service/module.h"

#include "libs/audit/audit_log.h"
#include "libs/db/migrations.h"
#include "libs/idempotency/idempotency_keys.h"
#include "libs/outbox/outbox.h"

namespace auxpro::service {

absl::Status MigrateModule(db::ConnectionPool& pool, const ModuleSpec& module) {
  if (auto s = db::ApplyMigrations(pool, "audit", audit::Migrations()); !s.ok()) return s;
  if (auto s = db::ApplyMigrations(pool, "idempotency", idempotency::Migrations()); !s.ok()) {
    return s;
  }
  if (auto s = db::ApplyMigrations(pool, "outbox", outbox::Migrations()); !s.ok()) return s;
  return db::ApplyMigrations(pool, module.name, module.migrations());
}

}  // namespace auxpro::service
