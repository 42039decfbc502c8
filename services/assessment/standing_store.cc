#include "services/assessment/standing_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/service/batch.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment::store {

using db::Param;
using db::Row;

namespace {

v1::CentralizedResult ResultOf(const std::string& j, const std::string& person_id, const Row& r) {
  v1::CentralizedResult c;
  c.set_name(ResultName(j, r.Str(0), r.Str(1)));
  c.set_person(PersonName(j, person_id));
  c.set_item(r.Str(2));
  c.set_attempt(static_cast<int>(r.Int(3)));
  c.set_score(static_cast<int>(r.Int(4)));
  c.set_passed(r.Bool(5));
  return c;
}

}  // namespace

absl::StatusOr<std::optional<v1::CentralizedResult>> LatestExam(db::Transaction& tx,
                                                                const std::string& j,
                                                                const std::string& person_id,
                                                                int year) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT session_id, id, item, attempt, score, passed "
                                         "FROM results WHERE jurisdiction = ? AND person_id = ? "
                                         "AND item = ? AND year <= ? ORDER BY year DESC, attempt "
                                         "DESC LIMIT 1",
                                         {j, person_id, kProfessionalExam, year}));
  if (!row) return std::optional<v1::CentralizedResult>();
  return std::optional<v1::CentralizedResult>(ResultOf(j, person_id, *row));
}

absl::StatusOr<std::vector<v1::CentralizedResult>> AttemptsOfYear(db::Transaction& tx,
                                                                  const std::string& j,
                                                                  const std::string& person_id,
                                                                  int year) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT session_id, id, item, attempt, score, passed FROM "
                                       "results WHERE jurisdiction = ? AND person_id = ? AND "
                                       "year = ? ORDER BY item, attempt",
                                       {j, person_id, year}));
  std::vector<v1::CentralizedResult> out;
  for (const Row& r : rows) out.push_back(ResultOf(j, person_id, r));
  return out;
}

absl::StatusOr<std::optional<v1::AnnualRating>> LastFinalRating(db::Transaction& tx,
                                                                const std::string& j,
                                                                const std::string& person_id,
                                                                int year) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id, year, grade FROM annual_ratings WHERE "
                                         "jurisdiction = ? AND person_id = ? AND state = ? AND "
                                         "year <= ? ORDER BY year DESC LIMIT 1",
                                         {j, person_id, static_cast<int>(v1::FINAL), year}));
  if (!row) return std::optional<v1::AnnualRating>();
  v1::AnnualRating a;
  a.set_name(AnnualRatingName(j, row->Str(0)));
  a.set_person(PersonName(j, person_id));
  a.set_year(static_cast<int>(row->Int(1)));
  a.set_grade(row->Str(2));
  a.set_state(v1::FINAL);
  return std::optional<v1::AnnualRating>(std::move(a));
}

absl::StatusOr<std::map<std::string, StandingFacts>> StandingFactsOf(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids,
    int year) {
  std::map<std::string, StandingFacts> out;
  const std::string in = absl::StrCat(" AND person_id IN (", service::ChunkPlaceholders(), ")");
  // The exams up to `year` and every attempt of `year`, in attempt order per item: one read.
  const std::string results = absl::StrCat(
      "SELECT session_id, id, item, attempt, score, passed, person_id, year FROM results WHERE "
      "jurisdiction = ? AND year <= ? AND (item = ? OR year = ?)",
      in, " ORDER BY person_id, item, attempt");
  const std::string ratings = absl::StrCat(
      "SELECT id, year, grade, person_id FROM annual_ratings WHERE jurisdiction = ? AND state = ? "
      "AND year <= ?",
      in);
  auto with = [](std::vector<Param> front, std::vector<Param> chunk) {
    front.insert(front.end(), chunk.begin(), chunk.end());
    return front;
  };
  std::map<std::string, std::pair<int64_t, int64_t>> latest;  // person -> (year, attempt)
  RETURN_IF_ERROR(service::ForEachChunk(
             person_ids,
             [&](std::vector<Param> chunk) -> absl::Status {
               ASSIGN_OR_RETURN(
                   auto rows, tx.Query(results, with({j, year, kProfessionalExam, year}, chunk)));
               for (const Row& r : rows) {
                 const std::string id = r.Str(6);
                 if (r.Int(7) == year) out[id].attempts.push_back(ResultOf(j, id, r));
                 if (r.Str(2) != kProfessionalExam) continue;
                 const std::pair<int64_t, int64_t> at{r.Int(7), r.Int(3)};
                 auto it = latest.find(id);
                 if (it != latest.end() && it->second >= at) continue;
                 latest[id] = at;
                 out[id].exam = ResultOf(j, id, r);
               }
               ASSIGN_OR_RETURN(
                   rows, tx.Query(ratings, with({j, static_cast<int>(v1::FINAL), year}, chunk)));
               for (const Row& r : rows) {
                 const std::string id = r.Str(3);
                 auto& rating = out[id].rating;
                 if (rating && rating->year() >= r.Int(1)) continue;
                 v1::AnnualRating a;
                 a.set_name(AnnualRatingName(j, r.Str(0)));
                 a.set_person(PersonName(j, id));
                 a.set_year(static_cast<int>(r.Int(1)));
                 a.set_grade(r.Str(2));
                 a.set_state(v1::FINAL);
                 rating = std::move(a);
               }
               return absl::OkStatus();
             }));
  return out;
}

absl::StatusOr<std::vector<GradeFact>> FinalRatingsBetween(db::Transaction& tx,
                                                           const std::string& j, int from, int to) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, person_id, year, grade FROM annual_ratings "
                                       "WHERE jurisdiction = ? AND state = ? AND year BETWEEN ? "
                                       "AND ? ORDER BY person_id, year",
                                       {j, static_cast<int>(v1::FINAL), from, to}));
  std::vector<GradeFact> out;
  for (const Row& r : rows) {
    out.push_back(GradeFact{PersonName(j, r.Str(1)), static_cast<int>(r.Int(2)), r.Str(3),
                            AnnualRatingName(j, r.Str(0))});
  }
  return out;
}

}  // namespace auxpro::assessment::store
