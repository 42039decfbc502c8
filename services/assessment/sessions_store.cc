#include "services/assessment/sessions_store.h"

#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment::store {

using db::Row;

absl::StatusOr<v1::AssessmentSession> InsertSession(
    db::Transaction& tx, const std::string& j, const std::string& id,
    const v1::AssessmentSession& session, const std::vector<std::string>& person_ids,
    const std::vector<v1::AssessmentSession::ParticipationBasis>& bases, absl::Time now) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO sessions (jurisdiction, id, year, quarter, assessor, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?)",
              {j, id, session.year(), session.quarter(), session.assessor(), TimeToSql(now)})
          .status());
  v1::AssessmentSession written;
  written.set_name(SessionName(j, id));
  written.set_year(session.year());
  written.set_quarter(session.quarter());
  written.set_assessor(session.assessor());
  for (size_t i = 0; i < person_ids.size(); ++i) {
    RETURN_IF_ERROR(tx.Exec("INSERT INTO session_participants (jurisdiction, session_id, "
                            "position, person_id, basis) VALUES (?, ?, ?, ?, ?)",
                            {j, id, static_cast<int>(i), person_ids[i], static_cast<int>(bases[i])})
                        .status());
    auto* p = written.add_participants();
    p->set_person(PersonName(j, person_ids[i]));
    p->set_basis(bases[i]);
  }
  *written.mutable_create_time() = TimestampOf(now);
  return written;
}

absl::StatusOr<std::optional<v1::AssessmentSession>> GetSession(db::Transaction& tx,
                                                                const std::string& j,
                                                                const std::string& id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT year, quarter, assessor, created_at FROM "
                                         "sessions WHERE jurisdiction = ? AND id = ?",
                                         {j, id}));
  if (!row) return std::optional<v1::AssessmentSession>();
  v1::AssessmentSession s;
  s.set_name(SessionName(j, id));
  s.set_year(static_cast<int>(row->Int(0)));
  s.set_quarter(static_cast<int>(row->Int(1)));
  s.set_assessor(row->Str(2));
  *s.mutable_create_time() = TimestampFromSql(row->Str(3));
  ASSIGN_OR_RETURN(auto people, tx.Query("SELECT person_id, basis FROM session_participants "
                                         "WHERE jurisdiction = ? AND session_id = ? ORDER BY "
                                         "position",
                                         {j, id}));
  for (const Row& r : people) {
    auto* p = s.add_participants();
    p->set_person(PersonName(j, r.Str(0)));
    p->set_basis(static_cast<v1::AssessmentSession::ParticipationBasis>(r.Int(1)));
  }
  return std::optional<v1::AssessmentSession>(std::move(s));
}

absl::StatusOr<bool> SatBefore(db::Transaction& tx, const std::string& j,
                               const std::string& person_id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM session_participants WHERE jurisdiction "
                                         "= ? AND person_id = ? LIMIT 1",
                                         {j, person_id}));
  return row.has_value();
}

absl::Status LockAttempts(db::Transaction& tx, const std::string& j, const std::string& person_id) {
  // Lock first (see ratings_store LockYear): insert only a person seen for the first time.
  const std::string select =
      "SELECT person_id FROM attempt_locks WHERE jurisdiction = ? AND person_id = ? FOR UPDATE";
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(select, {j, person_id}));
  if (row) return absl::OkStatus();
  RETURN_IF_ERROR(tx.Exec("INSERT IGNORE INTO attempt_locks (jurisdiction, person_id) VALUES "
                          "(?, ?)",
                          {j, person_id})
                      .status());
  return tx.QueryOne(select, {j, person_id}).status();
}

absl::StatusOr<std::vector<bool>> EarlierResults(db::Transaction& tx, const std::string& j,
                                                 const std::string& person_id,
                                                 const std::string& item, int year) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT passed FROM results WHERE jurisdiction = ? AND "
                                       "person_id = ? AND item = ? AND year = ? ORDER BY attempt",
                                       {j, person_id, item, year}));
  std::vector<bool> out;
  for (const Row& r : rows) out.push_back(r.Bool(0));
  return out;
}

absl::StatusOr<v1::CentralizedResult> InsertResult(
    db::Transaction& tx, const std::string& j, const std::string& id, const std::string& session_id,
    const std::string& person_id, int year, const v1::CentralizedResult& result, absl::Time now) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO results (jurisdiction, id, session_id, person_id, item, "
              "year, attempt, score, passed, created_at, survey_campaign, "
              "satisfaction_percent, satisfaction_responses) VALUES (?, ?, ?, ?, ?, "
              "?, ?, ?, ?, ?, ?, ?, ?)",
              {j, id, session_id, person_id, result.item(), year, result.attempt(), result.score(),
               result.passed(), TimeToSql(now), result.survey_campaign(),
               result.satisfaction_percent(), result.satisfaction_responses()})
          .status());
  v1::CentralizedResult written = result;
  written.set_name(ResultName(j, session_id, id));
  written.set_person(PersonName(j, person_id));
  *written.mutable_create_time() = TimestampOf(now);
  return written;
}

absl::StatusOr<std::vector<v1::CentralizedResult>> ListResults(db::Transaction& tx,
                                                               const std::string& j,
                                                               const std::string& session_id,
                                                               const std::string& after_id,
                                                               int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT id, person_id, item, attempt, score, passed, created_at, "
                            "survey_campaign, satisfaction_percent, satisfaction_responses FROM "
                            "results WHERE jurisdiction = ? AND session_id = ? AND id > ? ORDER "
                            "BY id LIMIT ?",
                            {j, session_id, after_id, limit}));
  std::vector<v1::CentralizedResult> out;
  for (const Row& r : rows) {
    v1::CentralizedResult& c = out.emplace_back();
    c.set_name(ResultName(j, session_id, r.Str(0)));
    c.set_person(PersonName(j, r.Str(1)));
    c.set_item(r.Str(2));
    c.set_attempt(static_cast<int>(r.Int(3)));
    c.set_score(static_cast<int>(r.Int(4)));
    c.set_passed(r.Bool(5));
    *c.mutable_create_time() = TimestampFromSql(r.Str(6));
    c.set_survey_campaign(r.Str(7));
    c.set_satisfaction_percent(r.Double(8));
    c.set_satisfaction_responses(r.Int(9));
  }
  return out;
}

}  // namespace auxpro::assessment::store
