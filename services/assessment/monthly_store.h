#pragma once

// The SQL of monthly daily assessments. Every function takes the caller's transaction and the
// jurisdiction. Writes return the row as written.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// The name of the person's assessment of that month, if any.
absl::StatusOr<std::optional<std::string>> FindMonthly(db::Transaction& tx, const std::string& j,
                                                       const std::string& person_id, int year,
                                                       int month);
// `in.person` must be the person's name; `in.passed` as the rules decided.
absl::StatusOr<v1::MonthlyAssessment> InsertMonthly(db::Transaction& tx, const std::string& j,
                                                    const std::string& id,
                                                    const std::string& person_id,
                                                    const v1::MonthlyAssessment& in,
                                                    absl::Time now);
// Assessments in id order after `after_id`; only the person's when person_id is not empty.
absl::StatusOr<std::vector<v1::MonthlyAssessment>> ListMonthly(db::Transaction& tx,
                                                               const std::string& j,
                                                               const std::string& person_id,
                                                               const std::string& after_id,
                                                               int limit);

}  // namespace auxpro::assessment::store
