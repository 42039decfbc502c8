#pragma once

// The SQL of the round: what grading holds of a page of persons (their levels, their open
// applications and demotion cases), read in chunks keyed by person id.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/transaction.h"

namespace auxpro::grading::store {

struct RoundRecord {
  int level = 0;                  // 0: never graded or revoked
  std::string open_application;   // id, "" when none
  std::string open_demotion_case; // id, "" when none
};

// The records of `person_ids` (a person grading never saw is absent), one read per table and
// service::kBatchChunk ids.
absl::StatusOr<std::map<std::string, RoundRecord>> RoundRecordsOf(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids);

}  // namespace auxpro::grading::store
