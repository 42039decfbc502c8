#include "services/personnel/organisation_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel::store {

namespace {

using db::Row;

v1::HeadcountLimit LimitFromRow(const std::string& j, const Row& r) {
  v1::HeadcountLimit limit;
  const std::string scope = r.Str(0);
  limit.set_name(HeadcountName(j, scope));
  if (scope != "all") limit.set_unit(UnitName(j, scope));
  limit.set_limit(static_cast<int32_t>(r.Int(1)));
  limit.set_document_ref(r.Str(2));
  *limit.mutable_update_time() = TimestampFromSql(r.Str(3));
  limit.set_current_count(static_cast<int32_t>(r.Int(4)));
  return limit;
}

constexpr char kLimitColumns[] =
    "scope, limit_value, document_ref, updated_at, "
    "(SELECT COUNT(*) FROM persons p WHERE p.jurisdiction = h.jurisdiction AND "
    "p.state IN (2, 3) AND (h.scope = 'all' OR p.unit_id = h.scope))";

}  // namespace

absl::StatusOr<v1::Unit> InsertUnit(db::Transaction& tx, const std::string& j,
                                    const std::string& id, const std::string& display_name,
                                    absl::Time now) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO units (jurisdiction, id, display_name, created_at) VALUES (?, ?, ?, ?)",
              {j, id, display_name, TimeToSql(now)})
          .status());
  v1::Unit unit;
  unit.set_name(UnitName(j, id));
  unit.set_display_name(display_name);
  return unit;
}

absl::StatusOr<std::optional<v1::Unit>> GetUnit(db::Transaction& tx, const std::string& j,
                                                const std::string& id, bool lock) {
  auto row = tx.QueryOne(
      absl::StrCat("SELECT id, display_name, (SELECT COUNT(*) FROM persons p WHERE "
                   "p.jurisdiction = u.jurisdiction AND p.unit_id = u.id AND p.state IN (2, 3)) "
                   "FROM units u WHERE jurisdiction = ? AND id = ?",
                   lock ? " FOR UPDATE" : ""),
      {j, id});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Unit>();
  v1::Unit unit;
  unit.set_name(UnitName(j, (*row)->Str(0)));
  unit.set_display_name((*row)->Str(1));
  unit.set_member_count(static_cast<int32_t>((*row)->Int(2)));
  return std::optional<v1::Unit>(unit);
}

absl::StatusOr<std::vector<v1::Unit>> ListUnits(db::Transaction& tx, const std::string& j,
                                                const std::string& after_id, int limit) {
  auto rows = tx.Query(
      "SELECT id, display_name, (SELECT COUNT(*) FROM persons p WHERE p.jurisdiction = "
      "u.jurisdiction AND p.unit_id = u.id AND p.state IN (2, 3)) FROM units u "
      "WHERE jurisdiction = ? AND id > ? ORDER BY id LIMIT ?",
      {j, after_id, limit});
  if (!rows.ok()) return rows.status();
  std::vector<v1::Unit> units;
  for (const Row& r : *rows) {
    v1::Unit& unit = units.emplace_back();
    unit.set_name(UnitName(j, r.Str(0)));
    unit.set_display_name(r.Str(1));
    unit.set_member_count(static_cast<int32_t>(r.Int(2)));
  }
  return units;
}

absl::StatusOr<v1::HeadcountLimit> UpsertHeadcountLimit(db::Transaction& tx, const std::string& j,
                                                        const std::string& scope, int limit,
                                                        const std::string& document_ref,
                                                        absl::Time now) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO headcount_limits (jurisdiction, scope, limit_value, document_ref, "
              "updated_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE limit_value = VALUES("
              "limit_value), document_ref = VALUES(document_ref), updated_at = VALUES(updated_at)",
              {j, scope, limit, document_ref, TimeToSql(now)})
          .status());
  // The count is of persons, which this call does not change: read it with the row.
  ASSIGN_OR_RETURN(auto written, GetHeadcountLimit(tx, j, scope));
  if (!written) return absl::InternalError("head-count limit vanished after its upsert");
  return *written;
}

absl::StatusOr<std::optional<v1::HeadcountLimit>> GetHeadcountLimit(db::Transaction& tx,
                                                                    const std::string& j,
                                                                    const std::string& scope,
                                                                    bool lock) {
  auto row = tx.QueryOne(absl::StrCat("SELECT ", kLimitColumns,
                                      " FROM headcount_limits h WHERE jurisdiction = ? AND "
                                      "scope = ?",
                                      lock ? " FOR UPDATE" : ""),
                         {j, scope});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::HeadcountLimit>();
  return std::optional<v1::HeadcountLimit>(LimitFromRow(j, **row));
}

std::string ListKey(const v1::HeadcountLimit& limit) {
  // "0" sorts the jurisdiction-wide limit before every unit ("1" + id).
  return limit.unit().empty() ? "0" : "1" + db::LastSegment(limit.unit());
}

absl::StatusOr<std::vector<v1::HeadcountLimit>> ListHeadcountLimits(db::Transaction& tx,
                                                                    const std::string& j,
                                                                    const std::string& after,
                                                                    int limit) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kLimitColumns,
                                    " FROM headcount_limits h WHERE jurisdiction = ? AND "
                                    "CONCAT(IF(scope = 'all', '0', '1'), IF(scope = 'all', '', "
                                    "scope)) > ? ORDER BY scope = 'all' DESC, scope LIMIT ?"),
                       {j, after, limit});
  if (!rows.ok()) return rows.status();
  std::vector<v1::HeadcountLimit> out;
  for (const Row& r : *rows) out.push_back(LimitFromRow(j, r));
  return out;
}

}  // namespace auxpro::personnel::store
