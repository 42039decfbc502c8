#include "services/assessment/ratings_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment::store {

using db::Row;

namespace {

constexpr char kRatingColumns[] = "id, person_id, unit_id, year, grade, state, updated_at";

v1::AnnualRating RatingOf(const std::string& j, const Row& r) {
  v1::AnnualRating a;
  a.set_name(AnnualRatingName(j, r.Str(0)));
  a.set_person(PersonName(j, r.Str(1)));
  a.set_unit(UnitName(j, r.Str(2)));
  a.set_year(static_cast<int>(r.Int(3)));
  a.set_grade(r.Str(4));
  a.set_state(static_cast<v1::RatingState>(r.Int(5)));
  *a.mutable_update_time() = TimestampFromSql(r.Str(6));
  return a;
}

}  // namespace

absl::StatusOr<v1::RatingYear> LockYear(db::Transaction& tx, const std::string& j,
                                        const std::string& unit_id, int year) {
  // Lock first: INSERT IGNORE on an existing row takes a shared lock, and two callers upgrading
  // theirs to FOR UPDATE would deadlock. Only a year seen for the first time is inserted.
  const std::string select =
      "SELECT unit_size, allowed_top, top_grades, rated, finalized_at FROM rating_years WHERE "
      "jurisdiction = ? AND unit_id = ? AND year = ? FOR UPDATE";
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(select, {j, unit_id, year}));
  if (!row) {
    RETURN_IF_ERROR(tx.Exec("INSERT IGNORE INTO rating_years (jurisdiction, unit_id, year) "
                            "VALUES (?, ?, ?)",
                            {j, unit_id, year})
                        .status());
    ASSIGN_OR_RETURN(row, tx.QueryOne(select, {j, unit_id, year}));
  }
  v1::RatingYear y;
  y.set_name(RatingYearName(j, unit_id, year));
  if (!row) return y;
  y.set_unit_size(static_cast<int>(row->Int(0)));
  y.set_allowed_top_grades(static_cast<int>(row->Int(1)));
  y.set_top_grades(static_cast<int>(row->Int(2)));
  y.set_rated(static_cast<int>(row->Int(3)));
  if (!row->IsNull(4)) *y.mutable_finalize_time() = TimestampFromSql(row->Str(4));
  return y;
}

absl::StatusOr<std::optional<RatingRow>> FindRating(db::Transaction& tx, const std::string& j,
                                                    const std::string& person_id, int year) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT ", kRatingColumns,
                                                      " FROM annual_ratings WHERE jurisdiction "
                                                      "= ? AND person_id = ? AND year = ?"),
                                         {j, person_id, year}));
  if (!row) return std::optional<RatingRow>();
  return std::optional<RatingRow>(RatingRow{row->Str(0), row->Str(2), RatingOf(j, *row)});
}

absl::StatusOr<v1::AnnualRating> UpsertRating(db::Transaction& tx, const std::string& j,
                                              const std::string& id, bool exists,
                                              const std::string& person_id,
                                              const std::string& unit_id, int year,
                                              const std::string& grade, absl::Time now) {
  if (exists) {
    RETURN_IF_ERROR(tx.Exec("UPDATE annual_ratings SET unit_id = ?, grade = ?, updated_at = ? "
                            "WHERE jurisdiction = ? AND id = ? AND state = ?",
                            {unit_id, grade, TimeToSql(now), j, id, static_cast<int>(v1::PROPOSED)})
                        .status());
  } else {
    RETURN_IF_ERROR(tx.Exec("INSERT INTO annual_ratings (jurisdiction, id, person_id, unit_id, "
                            "year, grade, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            {j, id, person_id, unit_id, year, grade, static_cast<int>(v1::PROPOSED),
                             TimeToSql(now)})
                        .status());
  }
  v1::AnnualRating a;
  a.set_name(AnnualRatingName(j, id));
  a.set_person(PersonName(j, person_id));
  a.set_unit(UnitName(j, unit_id));
  a.set_year(year);
  a.set_grade(grade);
  a.set_state(v1::PROPOSED);
  *a.mutable_update_time() = TimestampOf(now);
  return a;
}

absl::StatusOr<std::vector<v1::AnnualRating>> RatingsOfYear(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& unit_id, int year) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(absl::StrCat("SELECT ", kRatingColumns,
                                                    " FROM annual_ratings WHERE jurisdiction = ? "
                                                    "AND unit_id = ? AND year = ? ORDER BY id"),
                                       {j, unit_id, year}));
  std::vector<v1::AnnualRating> out;
  for (const Row& r : rows) out.push_back(RatingOf(j, r));
  return out;
}

absl::StatusOr<v1::RatingYear> FinalizeYear(db::Transaction& tx, const std::string& j,
                                            const std::string& unit_id, int year, int unit_size,
                                            int allowed_top, int top_grades, int rated,
                                            absl::Time now) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec("UPDATE rating_years SET unit_size = ?, allowed_top = ?, top_grades = "
              "?, rated = ?, finalized_at = ? WHERE jurisdiction = ? AND unit_id = ? "
              "AND year = ? AND finalized_at IS NULL",
              {unit_size, allowed_top, top_grades, rated, TimeToSql(now), j, unit_id, year}));
  if (changed != 1) return absl::AbortedError("rating year changed concurrently; retry");
  RETURN_IF_ERROR(tx.Exec("UPDATE annual_ratings SET state = ?, updated_at = ? WHERE "
                          "jurisdiction = ? AND unit_id = ? AND year = ?",
                          {static_cast<int>(v1::FINAL), TimeToSql(now), j, unit_id, year})
                      .status());
  v1::RatingYear y;
  y.set_name(RatingYearName(j, unit_id, year));
  y.set_unit_size(unit_size);
  y.set_allowed_top_grades(allowed_top);
  y.set_top_grades(top_grades);
  y.set_rated(rated);
  *y.mutable_finalize_time() = TimestampOf(now);
  return y;
}

absl::StatusOr<std::vector<v1::AnnualRating>> ListRatings(db::Transaction& tx, const std::string& j,
                                                          const RatingFilter& f,
                                                          const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(
          absl::StrCat("SELECT ", kRatingColumns,
                       " FROM annual_ratings WHERE jurisdiction = ? AND (? = 0 OR year = ?) "
                       "AND (? = '' OR unit_id = ?) AND (? = '' OR person_id = ?) AND id > ? "
                       "ORDER BY id LIMIT ?"),
          {j, f.year, f.year, f.unit_id, f.unit_id, f.person_id, f.person_id, after_id, limit}));
  std::vector<v1::AnnualRating> out;
  for (const Row& r : rows) out.push_back(RatingOf(j, r));
  return out;
}

}  // namespace auxpro::assessment::store
