#include "services/survey/responses_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "libs/db/sql_error.h"
#include "libs/service/batch.h"
#include "services/survey/survey_names.h"

namespace auxpro::survey::store {

using db::Param;
using db::Row;

absl::StatusOr<v1::SurveyResponse> InsertResponse(db::Transaction& tx, const std::string& j,
                                                  const ResponseRow& row) {
  const std::string answers = absl::StrJoin(row.answers, ",");
  auto inserted =
      tx.Exec("INSERT INTO responses (jurisdiction, campaign_id, id, person_id, "
              "badge_number, questionnaire_id, respondent_hash, submit_date, answers, "
              "comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {j, row.campaign_id, row.id, row.person_id, row.badge_number, row.questionnaire_id,
               row.respondent_hash, db::DateParam(row.submit_date), answers, row.comment});
  if (!inserted.ok()) {
    // The id is new, so a duplicate can only be the respondent's (responses_respondent); the
    // failed statement wrote nothing and the caller rolls the transaction back.
    if (db::MysqlErrno(inserted.status()) == db::kErrDuplicateEntry) {
      return absl::AlreadyExistsError("this respondent already answered");
    }
    return inserted.status();
  }
  // One multi-row upsert: the response (question 0) and each answer.
  std::string sql =
      "INSERT INTO daily_counts (jurisdiction, person_id, campaign_id, day, question, answer, n) "
      "VALUES (?, ?, ?, ?, 0, 0, 1)";
  std::vector<Param> params = {j, row.person_id, row.campaign_id, db::DateParam(row.submit_date)};
  for (size_t q = 0; q < row.answers.size(); ++q) {
    sql += ", (?, ?, ?, ?, ?, ?, 1)";
    params.insert(params.end(), {j, row.person_id, row.campaign_id, db::DateParam(row.submit_date),
                                 static_cast<int>(q + 1), static_cast<int>(row.answers[q])});
  }
  sql += " ON DUPLICATE KEY UPDATE n = n + 1";
  RETURN_IF_ERROR(tx.Exec(sql, params).status());
  v1::SurveyResponse out;
  out.set_name(ResponseName(j, row.campaign_id, row.id));
  out.set_badge_number(row.badge_number);
  out.set_questionnaire(QuestionnaireName(row.questionnaire_id));
  for (uint32_t a : row.answers) out.add_answers(a);
  out.set_comment(row.comment);
  *out.mutable_submit_date() = row.submit_date;
  return out;
}

absl::StatusOr<AnswerCounts> SumCounts(db::Transaction& tx, const std::string& j,
                                       const std::string& person_id, const std::string& campaign_id,
                                       const common::v1::Date& start, const common::v1::Date& end,
                                       int64_t* rows_read) {
  std::string sql =
      "SELECT question, answer, SUM(n), COUNT(*) FROM daily_counts WHERE jurisdiction = ? AND "
      "person_id = ?";
  std::vector<Param> params = {j, person_id};
  if (!campaign_id.empty()) {
    sql += " AND campaign_id = ?";
    params.emplace_back(campaign_id);
  }
  if (!IsUnset(start)) {
    sql += " AND day >= ?";
    params.push_back(db::DateParam(start));
  }
  if (!IsUnset(end)) {
    sql += " AND day <= ?";
    params.push_back(db::DateParam(end));
  }
  sql += " GROUP BY question, answer";
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  AnswerCounts counts;
  int64_t read = 0;
  for (const Row& r : rows) {
    const int64_t q = r.Int(0);
    const int64_t a = r.Int(1);
    read += r.Int(3);
    if (q == 0) {
      counts.responses += r.Int(2);
    } else if (q >= 1 && q <= 100 && a >= 1 && a <= 5) {
      counts.by_question[q][a] += r.Int(2);
    }
  }
  if (rows_read != nullptr) *rows_read = read;
  return counts;
}

absl::StatusOr<std::map<std::string, AnswerCounts>> SumCountsOf(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids,
    int rated_questions) {
  std::map<std::string, AnswerCounts> out;
  const std::string sql = absl::StrCat(
      "SELECT person_id, IF(question = 0, 0, 1), answer, SUM(n) FROM daily_counts WHERE "
      "jurisdiction = ? AND person_id IN (",
      service::ChunkPlaceholders(),
      ") AND question <= ? GROUP BY person_id, IF(question = 0, 0, 1), answer");
  RETURN_IF_ERROR(service::ForEachChunk(person_ids, [&](std::vector<Param> chunk) -> absl::Status {
    chunk.insert(chunk.begin(), Param(j));
    chunk.emplace_back(rated_questions);
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql, chunk));
    for (const Row& r : rows) {
      AnswerCounts& counts = out[r.Str(0)];
      const int64_t q = r.Int(1);
      const int64_t a = r.Int(2);
      if (q == 0) {
        counts.responses += r.Int(3);
      } else if (q >= 1 && q <= 100 && a >= 1 && a <= 5) {
        counts.by_question[q][a] += r.Int(3);
      }
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, v1::Comment>>> ListComments(
    db::Transaction& tx, const std::string& j, const std::string& campaign_id,
    const std::string& person_id, const std::string& after, int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT id, comment, submit_date FROM responses WHERE jurisdiction = ? "
                            "AND campaign_id = ? AND person_id = ? AND id > ? AND comment <> '' "
                            "ORDER BY id LIMIT ?",
                            {j, campaign_id, person_id, after, limit}));
  std::vector<std::pair<std::string, v1::Comment>> out;
  for (const Row& r : rows) {
    v1::Comment c;
    c.set_text(r.Str(1));
    if (auto d = db::DateAt(r, 2)) *c.mutable_submit_date() = *d;
    out.emplace_back(r.Str(0), std::move(c));
  }
  return out;
}

absl::StatusOr<std::vector<ResponseRow>> ListResponses(db::Transaction& tx, const std::string& j,
                                                       const std::string& campaign_id,
                                                       const std::string& after, int limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, person_id, badge_number, questionnaire_id, "
                                       "submit_date, answers, comment FROM responses WHERE "
                                       "jurisdiction = ? AND campaign_id = ? AND id > ? ORDER BY "
                                       "id LIMIT ?",
                                       {j, campaign_id, after, limit}));
  std::vector<ResponseRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    ResponseRow row;
    row.id = r.Str(0);
    row.campaign_id = campaign_id;
    row.person_id = r.Str(1);
    row.badge_number = r.Str(2);
    row.questionnaire_id = r.Str(3);
    if (auto d = db::DateAt(r, 4)) row.submit_date = *d;
    for (const std::string& a : db::SplitList(r.Str(5), ',')) {
      uint32_t v = 0;
      if (absl::SimpleAtoi(a, &v)) row.answers.push_back(v);
    }
    row.comment = r.Str(6);
    out.push_back(std::move(row));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> ListCovered(db::Transaction& tx, const std::string& j,
                                                     const std::string& campaign_id,
                                                     const std::string& after, int limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT person_id FROM campaign_auxiliaries WHERE "
                                       "jurisdiction = ? AND campaign_id = ? AND person_id > ? "
                                       "ORDER BY person_id LIMIT ?",
                                       {j, campaign_id, after, limit}));
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(r.Str(0));
  return out;
}

}  // namespace auxpro::survey::store
