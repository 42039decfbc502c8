#include "services/personnel/staffing_store.h"

#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"

namespace auxpro::personnel::store {

absl::Status UpsertStaffingFloor(db::Transaction& tx, const std::string& j,
                                 const std::string& unit_id, const RecordedFloor& floor,
                                 absl::Time now) {
  return tx
      .Exec(
          "INSERT INTO staffing_floors (jurisdiction, unit_id, minimum, document_ref, "
          "updated_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE minimum = VALUES(minimum), "
          "document_ref = VALUES(document_ref), updated_at = VALUES(updated_at)",
          {j, unit_id, floor.minimum, floor.document_ref, TimeToSql(now)})
      .status();
}

absl::StatusOr<std::map<std::string, RecordedFloor>> ListStaffingFloors(db::Transaction& tx,
                                                                        const std::string& j) {
  auto rows = tx.Query(
      "SELECT unit_id, minimum, document_ref FROM staffing_floors WHERE jurisdiction = ?", {j});
  if (!rows.ok()) return rows.status();
  std::map<std::string, RecordedFloor> out;
  for (const auto& r : *rows) {
    out[r.Str(0)] = RecordedFloor{static_cast<int>(r.Int(1)), r.Str(2)};
  }
  return out;
}

absl::Status UpsertEstablishedStaff(db::Transaction& tx, const std::string& j, int staff,
                                    const std::string& document_ref, absl::Time now) {
  return tx
      .Exec(
          "INSERT INTO established_staff (jurisdiction, staff, document_ref, updated_at) VALUES "
          "(?, ?, ?, ?) ON DUPLICATE KEY UPDATE staff = VALUES(staff), document_ref = "
          "VALUES(document_ref), updated_at = VALUES(updated_at)",
          {j, staff, document_ref, TimeToSql(now)})
      .status();
}

absl::StatusOr<int> GetEstablishedStaff(db::Transaction& tx, const std::string& j) {
  auto row = tx.QueryOne("SELECT staff FROM established_staff WHERE jurisdiction = ?", {j});
  if (!row.ok()) return row.status();
  if (!*row) return 0;
  return static_cast<int>((*row)->Int(0));
}

}  // namespace auxpro::personnel::store
