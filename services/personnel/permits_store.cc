#include "services/personnel/permits_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel::store {

namespace {

using db::DateAt;
using db::Row;

v1::Permit PermitFromRow(const std::string& j, const Row& r) {
  v1::Permit permit;
  permit.set_badge_number(r.Str(0));
  permit.set_name(PermitName(j, r.Str(0)));
  permit.set_person(PersonName(j, r.Str(1)));
  permit.set_state(static_cast<v1::Permit::State>(r.Int(2)));
  if (auto d = DateAt(r, 3)) *permit.mutable_issue_date() = *d;
  if (auto d = DateAt(r, 4)) *permit.mutable_revoke_date() = *d;
  permit.set_revoke_reason(r.Str(5));
  return permit;
}

constexpr char kPermitColumns[] =
    "badge_number, person_id, state, issue_date, revoke_date, revoke_reason";

}  // namespace

absl::StatusOr<int64_t> LockBadgeSerials(db::Transaction& tx, const std::string& j) {
  RETURN_IF_ERROR(tx.Exec("INSERT INTO badge_serials (jurisdiction, last_serial) VALUES (?, 0) ON "
                          "DUPLICATE KEY UPDATE jurisdiction = jurisdiction",
                          {j})
                      .status());
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT last_serial FROM badge_serials WHERE "
                                         "jurisdiction = ? FOR UPDATE",
                                         {j}));
  return row ? row->Int(0) : 0;
}

absl::StatusOr<v1::Permit> InsertPermit(db::Transaction& tx, const std::string& j,
                                        const std::string& badge, int64_t serial,
                                        const std::string& person_id,
                                        const common::v1::Date& issue_date) {
  RETURN_IF_ERROR(
      tx.Exec("UPDATE badge_serials SET last_serial = ? WHERE jurisdiction = ?", {serial, j})
          .status());
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO permits (jurisdiction, badge_number, person_id, state, "
              "issue_date) VALUES (?, ?, ?, ?, ?)",
              {j, badge, person_id, static_cast<int>(v1::Permit::VALID), db::DateParam(issue_date)})
          .status());
  v1::Permit permit;
  permit.set_name(PermitName(j, badge));
  permit.set_badge_number(badge);
  permit.set_person(PersonName(j, person_id));
  permit.set_state(v1::Permit::VALID);
  *permit.mutable_issue_date() = issue_date;
  return permit;
}

absl::StatusOr<std::optional<v1::Permit>> GetPermit(db::Transaction& tx, const std::string& j,
                                                    const std::string& badge, bool lock) {
  auto row = tx.QueryOne(absl::StrCat("SELECT ", kPermitColumns,
                                      " FROM permits WHERE jurisdiction = ? AND badge_number = ?",
                                      lock ? " FOR UPDATE" : ""),
                         {j, badge});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Permit>();
  return std::optional<v1::Permit>(PermitFromRow(j, **row));
}

absl::StatusOr<std::optional<v1::Permit>> ValidPermitOf(db::Transaction& tx, const std::string& j,
                                                        const std::string& person_id) {
  auto row = tx.QueryOne(
      absl::StrCat("SELECT ", kPermitColumns,
                   " FROM permits WHERE jurisdiction = ? AND person_id = ? AND state = ?"),
      {j, person_id, static_cast<int>(v1::Permit::VALID)});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Permit>();
  return std::optional<v1::Permit>(PermitFromRow(j, **row));
}

absl::StatusOr<v1::Permit> RevokePermit(db::Transaction& tx, const std::string& j,
                                        const v1::Permit& permit,
                                        const common::v1::Date& revoke_date,
                                        const std::string& reason) {
  RETURN_IF_ERROR(tx.Exec("UPDATE permits SET state = ?, revoke_date = ?, revoke_reason = ? "
                          "WHERE jurisdiction = ? AND badge_number = ?",
                          {static_cast<int>(v1::Permit::REVOKED), db::DateParam(revoke_date),
                           reason, j, permit.badge_number()})
                      .status());
  v1::Permit written = permit;
  written.set_state(v1::Permit::REVOKED);
  *written.mutable_revoke_date() = revoke_date;
  written.set_revoke_reason(reason);
  return written;
}

absl::StatusOr<std::vector<v1::Permit>> ListPermits(db::Transaction& tx, const std::string& j,
                                                    const std::string& after_badge, int limit) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kPermitColumns,
                                    " FROM permits WHERE jurisdiction = ? AND badge_number > ? "
                                    "ORDER BY badge_number LIMIT ?"),
                       {j, after_badge, limit});
  if (!rows.ok()) return rows.status();
  std::vector<v1::Permit> out;
  for (const Row& r : *rows) out.push_back(PermitFromRow(j, r));
  return out;
}

}  // namespace auxpro::personnel::store
