#pragma once

// The SQL of daily management records. Every function takes the caller's transaction and the
// jurisdiction. Writes return the row as written.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/transaction.h"
#include "services/assessment/daily_rules.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// `unit_id` and `person_id` ("" for a unit record) as scoped by the handler.
absl::StatusOr<v1::DailyRecord> InsertDaily(db::Transaction& tx, const std::string& j,
                                            const std::string& id, const std::string& unit_id,
                                            const std::string& person_id,
                                            const v1::DailyRecord& record, absl::Time now);

struct DailyFilter {
  std::string unit_id, person_id;  // "": any
  int kind = 0;                    // 0: any
};
absl::StatusOr<std::vector<v1::DailyRecord>> ListDaily(db::Transaction& tx, const std::string& j,
                                                       const DailyFilter& filter,
                                                       const std::string& after_id, int limit);
// The unit's records (its own and its persons') dated from..to inclusive, for rules.
absl::StatusOr<std::vector<DailyFact>> UnitFacts(db::Transaction& tx, const std::string& j,
                                                 const std::string& unit_id, CivilDate from,
                                                 CivilDate to);
// Every person record of the jurisdiction dated from..to inclusive, for rules.
absl::StatusOr<std::vector<DailyFact>> PersonFacts(db::Transaction& tx, const std::string& j,
                                                   CivilDate from, CivilDate to);

// The person's records dated from..to inclusive, by date.
absl::StatusOr<std::vector<v1::DailyRecord>> PersonRecords(db::Transaction& tx,
                                                           const std::string& j,
                                                           const std::string& person_id,
                                                           CivilDate from, CivilDate to);

}  // namespace auxpro::assessment::store
