#pragma once

// The SQL behind GetAssessmentStanding: a person's attempts and final ratings. Every function
// takes the caller's transaction and the jurisdiction.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/db/transaction.h"
#include "services/assessment/daily_rules.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// The person's latest professional exam of a year up to `year`, if any.
absl::StatusOr<std::optional<v1::CentralizedResult>> LatestExam(db::Transaction& tx,
                                                                const std::string& j,
                                                                const std::string& person_id,
                                                                int year);
// The person's attempts of `year`, in attempt order per item.
absl::StatusOr<std::vector<v1::CentralizedResult>> AttemptsOfYear(db::Transaction& tx,
                                                                  const std::string& j,
                                                                  const std::string& person_id,
                                                                  int year);
// The person's FINAL rating of the latest year up to `year`, if any.
absl::StatusOr<std::optional<v1::AnnualRating>> LastFinalRating(db::Transaction& tx,
                                                                const std::string& j,
                                                                const std::string& person_id,
                                                                int year);

// What GetAssessmentStanding reads of one person, for many persons at once (keyed by person id;
// persons without records absent): a few indexed reads per service::kBatchChunk ids.
struct StandingFacts {
  std::optional<v1::CentralizedResult> exam;
  std::vector<v1::CentralizedResult> attempts;
  std::optional<v1::AnnualRating> rating;
};
absl::StatusOr<std::map<std::string, StandingFacts>> StandingFactsOf(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids,
    int year);

// Every FINAL rating of the jurisdiction with a year in from..to, for the flags.
absl::StatusOr<std::vector<GradeFact>> FinalRatingsBetween(db::Transaction& tx,
                                                           const std::string& j, int from, int to);

}  // namespace auxpro::assessment::store
