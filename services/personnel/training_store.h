#pragma once

// The SQL of training records. Every function takes the caller's transaction and the jurisdiction.
// Writes return the row as written.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/db/transaction.h"
#include "services/personnel/training_rules.h"

namespace auxpro::personnel::store {

namespace v1 = ::auxpro::personnel::v1;

absl::StatusOr<v1::TrainingRecord> InsertTraining(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id,
                                                  const std::string& id,
                                                  const v1::TrainingRecord& record, absl::Time now);
absl::StatusOr<std::vector<v1::TrainingRecord>> ListTraining(db::Transaction& tx,
                                                             const std::string& j,
                                                             const std::string& person_id,
                                                             const std::string& after_id,
                                                             int limit);
// Every training record of the given persons (for rules), by person id.
absl::StatusOr<std::map<std::string, std::vector<TrainingRecord>>> TrainingForRules(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids);

}  // namespace auxpro::personnel::store
