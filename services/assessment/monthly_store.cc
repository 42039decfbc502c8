#include "services/assessment/monthly_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment::store {

using db::Param;
using db::Row;

absl::StatusOr<std::optional<std::string>> FindMonthly(db::Transaction& tx, const std::string& j,
                                                       const std::string& person_id, int year,
                                                       int month) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM monthly_assessments WHERE jurisdiction "
                                         "= ? AND person_id = ? AND year = ? AND month = ?",
                                         {j, person_id, year, month}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(MonthlyAssessmentName(j, row->Str(0)));
}

absl::StatusOr<v1::MonthlyAssessment> InsertMonthly(db::Transaction& tx, const std::string& j,
                                                    const std::string& id,
                                                    const std::string& person_id,
                                                    const v1::MonthlyAssessment& in,
                                                    absl::Time now) {
  RETURN_IF_ERROR(tx.Exec("INSERT INTO monthly_assessments (jurisdiction, id, person_id, year, "
                          "month, passed, evidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          {j, id, person_id, in.month().year(), in.month().month(), in.passed(),
                           absl::StrJoin(in.evidence(), "\n"), TimeToSql(now)})
                      .status());
  int position = 0;
  for (const auto& item : in.items()) {
    RETURN_IF_ERROR(tx.Exec("INSERT INTO monthly_assessment_items (jurisdiction, assessment_id, "
                            "position, item, passed, note) VALUES (?, ?, ?, ?, ?, ?)",
                            {j, id, position++, item.item(), item.passed(), item.note()})
                        .status());
  }
  v1::MonthlyAssessment written = in;
  written.set_name(MonthlyAssessmentName(j, id));
  *written.mutable_create_time() = TimestampOf(now);
  return written;
}

absl::StatusOr<std::vector<v1::MonthlyAssessment>> ListMonthly(db::Transaction& tx,
                                                               const std::string& j,
                                                               const std::string& person_id,
                                                               const std::string& after_id,
                                                               int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT id, person_id, year, month, passed, evidence, created_at FROM "
               "monthly_assessments WHERE jurisdiction = ? AND (? = '' OR person_id = ?) AND "
               "id > ? ORDER BY id LIMIT ?",
               {j, person_id, person_id, after_id, limit}));
  std::vector<v1::MonthlyAssessment> out;
  std::map<std::string, size_t> index;
  std::vector<Param> params = {j};
  std::string marks;
  for (const Row& r : rows) {
    v1::MonthlyAssessment& m = out.emplace_back();
    m.set_name(MonthlyAssessmentName(j, r.Str(0)));
    m.set_person(PersonName(j, r.Str(1)));
    m.mutable_month()->set_year(static_cast<int>(r.Int(2)));
    m.mutable_month()->set_month(static_cast<int>(r.Int(3)));
    m.set_passed(r.Bool(4));
    for (const std::string& e : db::SplitList(r.Str(5), '\n')) {
      if (!e.empty()) m.add_evidence(e);
    }
    *m.mutable_create_time() = TimestampFromSql(r.Str(6));
    index[r.Str(0)] = out.size() - 1;
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(r.Str(0));
  }
  if (out.empty()) return out;
  ASSIGN_OR_RETURN(auto items,
                   tx.Query(absl::StrCat("SELECT assessment_id, item, passed, note FROM "
                                         "monthly_assessment_items WHERE jurisdiction = ? AND "
                                         "assessment_id IN (",
                                         marks, ") ORDER BY assessment_id, position"),
                            params));
  for (const Row& r : items) {
    auto* item = out[index[r.Str(0)]].add_items();
    item->set_item(r.Str(1));
    item->set_passed(r.Bool(2));
    item->set_note(r.Str(3));
  }
  return out;
}

}  // namespace auxpro::assessment::store
