#pragma once

// The SQL of labour contracts and of units' backbone posts. Every function takes the caller's
// transaction and the jurisdiction; writes return the row as written.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::personnel::store {

namespace v1 = ::auxpro::personnel::v1;

// Every contract of the person, by start date (then id).
absl::StatusOr<std::vector<v1::LabourContract>> ListContracts(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& person_id);
absl::StatusOr<v1::LabourContract> InsertContract(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id,
                                                  const std::string& id,
                                                  const v1::LabourContract& contract,
                                                  absl::Time now);
// FOR UPDATE.
absl::StatusOr<std::optional<v1::LabourContract>> GetContract(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& person_id,
                                                              const std::string& id);
// Writes state, end_date and end_reason.
absl::StatusOr<v1::LabourContract> UpdateContractEnd(db::Transaction& tx, const std::string& j,
                                                     const std::string& person_id,
                                                     const v1::LabourContract& contract);

struct BackbonePostCounts {
  int leader_posts = 0;
  int deputy_posts = 0;
};
// The unit's numbers, locked (appointments to the unit are serialized); nullopt when never set.
absl::StatusOr<std::optional<BackbonePostCounts>> GetBackbonePosts(db::Transaction& tx,
                                                                   const std::string& j,
                                                                   const std::string& unit_id);
absl::Status SetBackbonePosts(db::Transaction& tx, const std::string& j, const std::string& unit_id,
                              const BackbonePostCounts& counts, absl::Time now);

}  // namespace auxpro::personnel::store
