#include "services/assessment/daily_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment::store {

using db::Row;

namespace {

constexpr char kColumns[] =
    "id, kind, unit_id, person_id, record_date, hours, days, note, reference, created_at, passed, "
    "deduction_fen";

v1::DailyRecord RecordOf(const std::string& j, const Row& r) {
  v1::DailyRecord d;
  d.set_name(DailyRecordName(j, r.Str(0)));
  d.set_kind(static_cast<v1::DailyRecordKind>(r.Int(1)));
  d.set_unit(UnitName(j, r.Str(2)));
  if (!r.Str(3).empty()) d.set_person(PersonName(j, r.Str(3)));
  if (auto date = db::DateAt(r, 4)) *d.mutable_date() = *date;
  d.set_hours(r.Double(5));
  d.set_days(r.Double(6));
  d.set_note(r.Str(7));
  d.set_reference(r.Str(8));
  *d.mutable_create_time() = TimestampFromSql(r.Str(9));
  d.set_passed(r.Int(10) != 0);
  d.set_deduction_fen(r.Int(11));
  return d;
}

DailyFact FactOf(const v1::DailyRecord& d) {
  return DailyFact{d.name(),  d.kind(), d.person(), FromProto(d.date()),
                   d.hours(), d.days(), d.passed()};
}

}  // namespace

absl::StatusOr<v1::DailyRecord> InsertDaily(db::Transaction& tx, const std::string& j,
                                            const std::string& id, const std::string& unit_id,
                                            const std::string& person_id,
                                            const v1::DailyRecord& record, absl::Time now) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO daily_records (jurisdiction, id, kind, unit_id, person_id, "
              "record_date, hours, days, note, reference, created_at, passed, deduction_fen) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {j, id, static_cast<int>(record.kind()), unit_id, person_id,
               db::DateParam(record.date()), record.hours(), record.days(), record.note(),
               record.reference(), TimeToSql(now), record.passed() ? 1 : 0,
               record.deduction_fen()})
          .status());
  v1::DailyRecord written = record;
  written.set_name(DailyRecordName(j, id));
  written.set_unit(UnitName(j, unit_id));
  if (!person_id.empty()) written.set_person(PersonName(j, person_id));
  *written.mutable_create_time() = TimestampOf(now);
  return written;
}

absl::StatusOr<std::vector<v1::DailyRecord>> ListDaily(db::Transaction& tx, const std::string& j,
                                                       const DailyFilter& f,
                                                       const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(
          absl::StrCat("SELECT ", kColumns,
                       " FROM daily_records WHERE jurisdiction = ? AND (? = '' OR unit_id = "
                       "?) AND (? = '' OR person_id = ?) AND (? = 0 OR kind = ?) AND id > ? "
                       "ORDER BY id LIMIT ?"),
          {j, f.unit_id, f.unit_id, f.person_id, f.person_id, f.kind, f.kind, after_id, limit}));
  std::vector<v1::DailyRecord> out;
  for (const Row& r : rows) out.push_back(RecordOf(j, r));
  return out;
}

absl::StatusOr<std::vector<DailyFact>> UnitFacts(db::Transaction& tx, const std::string& j,
                                                 const std::string& unit_id, CivilDate from,
                                                 CivilDate to) {
  ASSIGN_OR_RETURN(
      auto rows, tx.Query(absl::StrCat("SELECT ", kColumns,
                                       " FROM daily_records WHERE jurisdiction = ? "
                                       "AND unit_id = ? AND record_date BETWEEN ? "
                                       "AND ? ORDER BY record_date, id"),
                          {j, unit_id, db::DateParam(ToProto(from)), db::DateParam(ToProto(to))}));
  std::vector<DailyFact> out;
  for (const Row& r : rows) out.push_back(FactOf(RecordOf(j, r)));
  return out;
}

absl::StatusOr<std::vector<DailyFact>> PersonFacts(db::Transaction& tx, const std::string& j,
                                                   CivilDate from, CivilDate to) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(absl::StrCat("SELECT ", kColumns,
                                         " FROM daily_records WHERE jurisdiction = ? "
                                         "AND person_id <> '' AND record_date BETWEEN "
                                         "? AND ? ORDER BY person_id, record_date, id"),
                            {j, db::DateParam(ToProto(from)), db::DateParam(ToProto(to))}));
  std::vector<DailyFact> out;
  for (const Row& r : rows) out.push_back(FactOf(RecordOf(j, r)));
  return out;
}

absl::StatusOr<std::vector<v1::DailyRecord>> PersonRecords(db::Transaction& tx,
                                                           const std::string& j,
                                                           const std::string& person_id,
                                                           CivilDate from, CivilDate to) {
  ASSIGN_OR_RETURN(
      auto rows, tx.Query(absl::StrCat("SELECT ", kColumns,
                                       " FROM daily_records WHERE jurisdiction = ? "
                                       "AND person_id = ? AND record_date BETWEEN ? "
                                       "AND ? ORDER BY record_date, id"),
                          {j, person_id, db::DateParam(ToProto(from)), db::DateParam(ToProto(to))}));
  std::vector<v1::DailyRecord> out;
  for (const Row& r : rows) out.push_back(RecordOf(j, r));
  return out;
}

}  // namespace auxpro::assessment::store
