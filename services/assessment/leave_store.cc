#include "services/assessment/leave_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment::store {

using db::Row;

namespace {

constexpr char kColumns[] =
    "id, person_id, unit_id, start_date, end_date, days, reason, approver_level, state, "
    "decided_by, decision_note, return_date, created_at, updated_at, kind";

v1::LeaveRequest LeaveOf(const std::string& j, const Row& r) {
  v1::LeaveRequest l;
  l.set_name(LeaveRequestName(j, r.Str(0)));
  l.set_person(PersonName(j, r.Str(1)));
  l.set_unit(UnitName(j, r.Str(2)));
  if (auto d = db::DateAt(r, 3)) *l.mutable_start_date() = *d;
  if (auto d = db::DateAt(r, 4)) *l.mutable_end_date() = *d;
  l.set_days(static_cast<int>(r.Int(5)));
  l.set_reason(r.Str(6));
  l.set_approver_level(r.Str(7));
  l.set_state(static_cast<v1::LeaveRequest::State>(r.Int(8)));
  l.set_decided_by(r.Str(9));
  l.set_decision_note(r.Str(10));
  if (auto d = db::DateAt(r, 11)) *l.mutable_return_date() = *d;
  *l.mutable_create_time() = TimestampFromSql(r.Str(12));
  *l.mutable_update_time() = TimestampFromSql(r.Str(13));
  l.set_kind(r.Int(14) == 0 ? v1::OTHER : static_cast<v1::LeaveKind>(r.Int(14)));
  return l;
}

}  // namespace

absl::StatusOr<v1::LeaveRequest> InsertLeave(db::Transaction& tx, const std::string& j,
                                             const std::string& id, const std::string& person_id,
                                             const std::string& unit_id,
                                             const v1::LeaveRequest& leave, absl::Time now) {
  RETURN_IF_ERROR(tx.Exec("INSERT INTO leave_requests (jurisdiction, id, person_id, unit_id, "
                          "start_date, end_date, days, reason, approver_level, state, "
                          "created_at, updated_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {j, id, person_id, unit_id, db::DateParam(leave.start_date()),
                           db::DateParam(leave.end_date()), leave.days(), leave.reason(),
                           leave.approver_level(), static_cast<int>(v1::LeaveRequest::REQUESTED),
                           TimeToSql(now), TimeToSql(now),
                           static_cast<int>(leave.kind() == v1::LEAVE_KIND_UNSPECIFIED
                                                ? v1::OTHER
                                                : leave.kind())})
                      .status());
  ASSIGN_OR_RETURN(auto written, FindLeave(tx, j, id, false));
  if (!written) return absl::InternalError("leave request not read back after insert");
  return *written;
}

absl::StatusOr<std::optional<v1::LeaveRequest>> FindLeave(db::Transaction& tx, const std::string& j,
                                                          const std::string& id, bool lock) {
  ASSIGN_OR_RETURN(auto row,
                   tx.QueryOne(absl::StrCat("SELECT ", kColumns,
                                            " FROM leave_requests WHERE jurisdiction = ? AND "
                                            "id = ?",
                                            lock ? " FOR UPDATE" : ""),
                               {j, id}));
  if (!row) return std::optional<v1::LeaveRequest>();
  return std::optional<v1::LeaveRequest>(LeaveOf(j, *row));
}

absl::StatusOr<v1::LeaveRequest> UpdateLeaveState(
    db::Transaction& tx, const std::string& j, const v1::LeaveRequest& from,
    v1::LeaveRequest::State state, const std::string& decided_by, const std::string& note,
    const common::v1::Date* return_date, absl::Time now) {
  const std::string id = db::LastSegment(from.name());
  const bool decision = state == v1::LeaveRequest::APPROVED || state == v1::LeaveRequest::REJECTED;
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec("UPDATE leave_requests SET state = ?, decided_by = IF(?, ?, decided_by), "
              "decision_note = IF(?, ?, decision_note), return_date = ?, updated_at = ? WHERE "
              "jurisdiction = ? AND id = ? AND state = ?",
              {static_cast<int>(state), decision, decided_by, decision, note,
               return_date ? db::DateParam(*return_date) : db::Param(nullptr), TimeToSql(now), j,
               id, static_cast<int>(from.state())}));
  if (changed != 1) {
    return Precondition(absl::StrCat("leave request ", from.name(), " changed meanwhile"));
  }
  ASSIGN_OR_RETURN(auto written, FindLeave(tx, j, id, false));
  if (!written) return absl::InternalError("leave request not read back after update");
  return *written;
}

absl::StatusOr<std::vector<v1::LeaveRequest>> PersonLeavesOverlapping(db::Transaction& tx,
                                                                      const std::string& j,
                                                                      const std::string& person_id,
                                                                      CivilDate from, CivilDate to) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(absl::StrCat("SELECT ", kColumns,
                                         " FROM leave_requests WHERE jurisdiction = ? AND "
                                         "person_id = ? AND start_date <= ? AND end_date >= ? "
                                         "ORDER BY start_date, id"),
                            {j, person_id, db::DateParam(ToProto(to)), db::DateParam(ToProto(from))}));
  std::vector<v1::LeaveRequest> out;
  for (const Row& r : rows) out.push_back(LeaveOf(j, r));
  return out;
}

absl::StatusOr<std::vector<v1::LeaveRequest>> ListLeave(db::Transaction& tx, const std::string& j,
                                                        const LeaveFilter& f,
                                                        const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(absl::StrCat("SELECT ", kColumns,
                                         " FROM leave_requests WHERE jurisdiction = ? "
                                         "AND (? = '' OR person_id = ?) AND (? = 0 OR "
                                         "state = ?) AND id > ? ORDER BY id LIMIT ?"),
                            {j, f.person_id, f.person_id, f.state, f.state, after_id, limit}));
  std::vector<v1::LeaveRequest> out;
  for (const Row& r : rows) out.push_back(LeaveOf(j, r));
  return out;
}

}  // namespace auxpro::assessment::store
