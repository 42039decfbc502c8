#pragma once

// The SQL of annual ratings and of a unit's rating year. Every function takes the caller's
// transaction and the jurisdiction. Writes return the row as written.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// A unit's year, locked FOR UPDATE (created open when new): proposals and finalizes of one unit
// and year are serialized on it. Finalized when finalize_time is set.
absl::StatusOr<v1::RatingYear> LockYear(db::Transaction& tx, const std::string& j,
                                        const std::string& unit_id, int year);

struct RatingRow {
  std::string id;
  std::string unit_id;
  v1::AnnualRating rating;
};
// The person's rating of the year, if any.
absl::StatusOr<std::optional<RatingRow>> FindRating(db::Transaction& tx, const std::string& j,
                                                    const std::string& person_id, int year);
// Inserts (new id) or replaces the grade and unit of the person's PROPOSED rating of the year.
absl::StatusOr<v1::AnnualRating> UpsertRating(db::Transaction& tx, const std::string& j,
                                              const std::string& id, bool exists,
                                              const std::string& person_id,
                                              const std::string& unit_id, int year,
                                              const std::string& grade, absl::Time now);
// Every rating of the unit and year, by id.
absl::StatusOr<std::vector<v1::AnnualRating>> RatingsOfYear(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& unit_id, int year);
// Marks the unit's year and its ratings final.
absl::StatusOr<v1::RatingYear> FinalizeYear(db::Transaction& tx, const std::string& j,
                                            const std::string& unit_id, int year, int unit_size,
                                            int allowed_top, int top_grades, int rated,
                                            absl::Time now);

struct RatingFilter {
  int year = 0;           // 0: any
  std::string unit_id;    // "": any
  std::string person_id;  // "": any
};
absl::StatusOr<std::vector<v1::AnnualRating>> ListRatings(db::Transaction& tx, const std::string& j,
                                                          const RatingFilter& filter,
                                                          const std::string& after_id, int limit);

}  // namespace auxpro::assessment::store
