#include "services/personnel/training_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel::store {

using db::DateAt;
using db::DateParam;
using db::Param;
using db::Row;

absl::StatusOr<v1::TrainingRecord> InsertTraining(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id,
                                                  const std::string& id,
                                                  const v1::TrainingRecord& record,
                                                  absl::Time now) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO training_records (jurisdiction, id, person_id, kind, topic, start_date, "
              "days, hours, passed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {j, id, person_id, static_cast<int>(record.kind()), record.topic(),
               DateParam(record.start_date()), record.days(), record.hours(), record.passed(),
               TimeToSql(now)})
          .status());
  v1::TrainingRecord written = record;
  written.set_name(TrainingName(j, person_id, id));
  *written.mutable_create_time() = TimestampOf(now);
  return written;
}

absl::StatusOr<std::vector<v1::TrainingRecord>> ListTraining(db::Transaction& tx,
                                                             const std::string& j,
                                                             const std::string& person_id,
                                                             const std::string& after_id,
                                                             int limit) {
  auto rows = tx.Query(
      "SELECT id, kind, topic, start_date, days, hours, passed, created_at FROM training_records "
      "WHERE jurisdiction = ? AND person_id = ? AND id > ? ORDER BY id LIMIT ?",
      {j, person_id, after_id, limit});
  if (!rows.ok()) return rows.status();
  std::vector<v1::TrainingRecord> out;
  for (const Row& r : *rows) {
    v1::TrainingRecord& t = out.emplace_back();
    t.set_name(TrainingName(j, person_id, r.Str(0)));
    t.set_kind(static_cast<v1::TrainingKind>(r.Int(1)));
    t.set_topic(r.Str(2));
    if (auto d = DateAt(r, 3)) *t.mutable_start_date() = *d;
    t.set_days(r.Double(4));
    t.set_hours(r.Double(5));
    t.set_passed(r.Bool(6));
    *t.mutable_create_time() = TimestampFromSql(r.Str(7));
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::vector<TrainingRecord>>> TrainingForRules(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids) {
  std::map<std::string, std::vector<TrainingRecord>> out;
  if (person_ids.empty()) return out;
  std::vector<Param> params = {j};
  std::string marks;
  for (const auto& id : person_ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  auto rows = tx.Query(absl::StrCat("SELECT person_id, kind, start_date, days, hours, passed FROM "
                                    "training_records WHERE jurisdiction = ? AND person_id IN (",
                                    marks, ") ORDER BY person_id, start_date"),
                       params);
  if (!rows.ok()) return rows.status();
  for (const Row& r : *rows) {
    TrainingRecord t;
    switch (r.Int(1)) {
      case v1::PRE_JOB:
        t.kind = TrainingKind::kPreJob;
        break;
      case v1::ANNUAL:
        t.kind = TrainingKind::kAnnual;
        break;
      default:
        t.kind = TrainingKind::kDrill;
    }
    if (auto d = DateFromSql(r.Str(2))) t.start = FromProto(*d);
    t.days = r.Double(3);
    t.hours = r.Double(4);
    t.passed = r.Bool(5);
    out[r.Str(0)].push_back(t);
  }
  return out;
}

}  // namespace auxpro::personnel::store
