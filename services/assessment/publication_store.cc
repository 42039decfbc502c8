#include "services/assessment/publication_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/assessment/publication_rules.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment::store {

using db::Row;

namespace {

constexpr char kPublicationColumns[] =
    "id, kind, unit_id, year, month, start_date, end_date, period_basis, created_at";
constexpr char kObjectionColumns[] =
    "id, publication_id, person_id, raised_by, statement, state, answer, result_kept, "
    "recorded_by, answered_by, created_at, answered_at";

v1::Publication PublicationOf(const std::string& j, const Row& r, CivilDate today) {
  v1::Publication p;
  p.set_name(PublicationName(j, r.Str(0)));
  p.set_kind(static_cast<v1::Publication::Kind>(r.Int(1)));
  p.set_unit(UnitName(j, r.Str(2)));
  p.set_year(static_cast<int>(r.Int(3)));
  p.set_month(static_cast<int>(r.Int(4)));
  if (auto d = db::DateAt(r, 5)) *p.mutable_start_date() = *d;
  if (auto d = db::DateAt(r, 6)) *p.mutable_end_date() = *d;
  p.set_period_basis(r.Str(7));
  *p.mutable_create_time() = TimestampFromSql(r.Str(8));
  p.set_in_period(InPeriod(FromProto(p.start_date()), FromProto(p.end_date()), today));
  return p;
}

v1::Objection ObjectionOf(const std::string& j, const Row& r) {
  v1::Objection o;
  o.set_name(ObjectionName(j, r.Str(1), r.Str(0)));
  o.set_person(PersonName(j, r.Str(2)));
  o.set_raised_by(PersonName(j, r.Str(3)));
  o.set_statement(r.Str(4));
  o.set_state(static_cast<v1::Objection::State>(r.Int(5)));
  o.set_answer(r.Str(6));
  o.set_result_kept(r.Int(7) != 0);
  o.set_recorded_by(r.Str(8));
  o.set_answered_by(r.Str(9));
  *o.mutable_create_time() = TimestampFromSql(r.Str(10));
  if (!r.IsNull(11)) *o.mutable_answer_time() = TimestampFromSql(r.Str(11));
  return o;
}

// Entries and open objections of a publication read from its row.
absl::Status Complete(db::Transaction& tx, const std::string& j, const std::string& id,
                      v1::Publication* p) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT person_id, full_name, result, record FROM "
                            "publication_entries WHERE jurisdiction = ? AND publication_id = ? "
                            "ORDER BY position",
                            {j, id}));
  for (const Row& r : rows) {
    auto* e = p->add_entries();
    e->set_person(PersonName(j, r.Str(0)));
    e->set_full_name(r.Str(1));
    e->set_result(r.Str(2));
    e->set_record(r.Str(3));
  }
  ASSIGN_OR_RETURN(auto open, tx.QueryOne("SELECT COUNT(*) FROM objections WHERE jurisdiction = ? "
                                          "AND publication_id = ? AND state = ?",
                                          {j, id, static_cast<int>(v1::Objection::OPEN)}));
  p->set_open_objections(open ? static_cast<int>(open->Int(0)) : 0);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::map<std::string, MonthlyResult>> MonthlyResultsOf(db::Transaction& tx,
                                                                      const std::string& j,
                                                                      int year, int month) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, person_id, passed FROM monthly_assessments "
                                       "WHERE jurisdiction = ? AND year = ? AND month = ?",
                                       {j, year, month}));
  std::map<std::string, MonthlyResult> out;
  for (const Row& r : rows) {
    out[r.Str(1)] = MonthlyResult{MonthlyAssessmentName(j, r.Str(0)), r.Int(2) != 0};
  }
  return out;
}

absl::StatusOr<v1::Publication> InsertPublication(db::Transaction& tx, const std::string& j,
                                                  const std::string& id,
                                                  const std::string& unit_id,
                                                  const v1::Publication& p, CivilDate today,
                                                  absl::Time now) {
  RETURN_IF_ERROR(tx.Exec("INSERT INTO publications (jurisdiction, id, kind, unit_id, year, "
                          "month, start_date, end_date, period_basis, created_at) VALUES "
                          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {j, id, static_cast<int>(p.kind()), unit_id, p.year(), p.month(),
                           db::DateParam(p.start_date()), db::DateParam(p.end_date()),
                           p.period_basis(), TimeToSql(now)})
                      .status());
  int position = 0;
  for (const auto& e : p.entries()) {
    RETURN_IF_ERROR(tx.Exec("INSERT INTO publication_entries (jurisdiction, publication_id, "
                            "position, person_id, full_name, result, record) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?)",
                            {j, id, position++, db::LastSegment(e.person()), e.full_name(),
                             e.result(), e.record()})
                        .status());
  }
  ASSIGN_OR_RETURN(auto written, FindPublication(tx, j, id, today));
  if (!written) return absl::InternalError("publication not read back after insert");
  return written->publication;
}

absl::StatusOr<std::optional<PublicationRow>> FindPublication(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& id,
                                                              CivilDate today) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT ", kPublicationColumns,
                                                      " FROM publications WHERE jurisdiction "
                                                      "= ? AND id = ?"),
                                         {j, id}));
  if (!row) return std::optional<PublicationRow>();
  PublicationRow out{row->Str(2), PublicationOf(j, *row, today)};
  RETURN_IF_ERROR(Complete(tx, j, id, &out.publication));
  return std::optional<PublicationRow>(std::move(out));
}

absl::StatusOr<std::vector<v1::Publication>> ListPublications(db::Transaction& tx,
                                                              const std::string& j,
                                                              const PublicationFilter& f,
                                                              CivilDate today,
                                                              const std::string& after_id,
                                                              int limit) {
  const auto day = db::DateParam(ToProto(today));
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(absl::StrCat("SELECT ", kPublicationColumns,
                            " FROM publications WHERE jurisdiction = ? AND (? = '' OR unit_id = "
                            "?) AND (? = 0 OR year = ?) AND (? = 0 OR (start_date <= ? AND "
                            "end_date >= ?)) AND id > ? ORDER BY id LIMIT ?"),
               {j, f.unit_id, f.unit_id, f.year, f.year, f.in_period ? 1 : 0, day, day, after_id,
                limit}));
  std::vector<v1::Publication> out;
  for (const Row& r : rows) {
    out.push_back(PublicationOf(j, r, today));
    RETURN_IF_ERROR(Complete(tx, j, r.Str(0), &out.back()));
  }
  return out;
}

absl::StatusOr<v1::Objection> InsertObjection(db::Transaction& tx, const std::string& j,
                                              const std::string& id, const PublicationRow& pub,
                                              const std::string& person_id,
                                              const std::string& raised_by_id,
                                              const v1::Objection& o, absl::Time now) {
  const std::string pub_id = db::LastSegment(pub.publication.name());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO objections (jurisdiction, id, publication_id, "
                          "publication_kind, unit_id, year, person_id, raised_by, statement, "
                          "state, answer, result_kept, recorded_by, answered_by, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, '', ?)",
                          {j, id, pub_id, static_cast<int>(pub.publication.kind()), pub.unit_id,
                           pub.publication.year(), person_id, raised_by_id, o.statement(),
                           static_cast<int>(v1::Objection::OPEN), o.recorded_by(),
                           TimeToSql(now)})
                      .status());
  ASSIGN_OR_RETURN(auto written, FindObjection(tx, j, pub_id, id, false));
  if (!written) return absl::InternalError("objection not read back after insert");
  return *written;
}

absl::StatusOr<std::optional<v1::Objection>> FindObjection(db::Transaction& tx,
                                                           const std::string& j,
                                                           const std::string& publication_id,
                                                           const std::string& id, bool lock) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT ", kObjectionColumns,
                                                      " FROM objections WHERE jurisdiction = ? "
                                                      "AND publication_id = ? AND id = ?",
                                                      lock ? " FOR UPDATE" : ""),
                                         {j, publication_id, id}));
  if (!row) return std::optional<v1::Objection>();
  return std::optional<v1::Objection>(ObjectionOf(j, *row));
}

absl::StatusOr<v1::Objection> AnswerObjection(db::Transaction& tx, const std::string& j,
                                              const std::string& publication_id,
                                              const std::string& id, const std::string& answer,
                                              bool result_kept, const std::string& answered_by,
                                              absl::Time now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE objections SET state = ?, answer = ?, result_kept = ?, "
                           "answered_by = ?, answered_at = ? WHERE jurisdiction = ? AND "
                           "publication_id = ? AND id = ? AND state = ?",
                           {static_cast<int>(v1::Objection::ANSWERED), answer, result_kept ? 1 : 0,
                            answered_by, TimeToSql(now), j, publication_id, id,
                            static_cast<int>(v1::Objection::OPEN)}));
  if (changed != 1) return absl::AbortedError("objection changed concurrently; retry");
  ASSIGN_OR_RETURN(auto written, FindObjection(tx, j, publication_id, id, false));
  if (!written) return absl::InternalError("objection not read back after answer");
  return *written;
}

absl::StatusOr<std::vector<v1::Objection>> ListObjections(db::Transaction& tx,
                                                          const std::string& j,
                                                          const std::string& publication_id,
                                                          const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(absl::StrCat("SELECT ", kObjectionColumns,
                                                    " FROM objections WHERE jurisdiction = ? "
                                                    "AND publication_id = ? AND id > ? ORDER "
                                                    "BY id LIMIT ?"),
                                       {j, publication_id, after_id, limit}));
  std::vector<v1::Objection> out;
  for (const Row& r : rows) out.push_back(ObjectionOf(j, r));
  return out;
}

absl::StatusOr<std::optional<v1::Objection>> FirstOpenAnnualObjection(db::Transaction& tx,
                                                                      const std::string& j,
                                                                      const std::string& unit_id,
                                                                      int year) {
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne(absl::StrCat("SELECT ", kObjectionColumns,
                               " FROM objections WHERE jurisdiction = ? AND unit_id = ? AND "
                               "year = ? AND publication_kind = ? AND state = ? ORDER BY id "
                               "LIMIT 1"),
                  {j, unit_id, year, static_cast<int>(v1::Publication::PROPOSED_ANNUAL_GRADES),
                   static_cast<int>(v1::Objection::OPEN)}));
  if (!row) return std::optional<v1::Objection>();
  return std::optional<v1::Objection>(ObjectionOf(j, *row));
}

}  // namespace auxpro::assessment::store
