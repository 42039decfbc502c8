#pragma once

// The SQL of staffing floors and established staff (recorded by the establishment office).

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/db/transaction.h"

namespace auxpro::personnel::store {

struct RecordedFloor {
  int minimum = 0;
  std::string document_ref;
};

absl::Status UpsertStaffingFloor(db::Transaction& tx, const std::string& j,
                                 const std::string& unit_id, const RecordedFloor& floor,
                                 absl::Time now);
// Unit id -> the recorded floor.
absl::StatusOr<std::map<std::string, RecordedFloor>> ListStaffingFloors(db::Transaction& tx,
                                                                        const std::string& j);
absl::Status UpsertEstablishedStaff(db::Transaction& tx, const std::string& j, int staff,
                                    const std::string& document_ref, absl::Time now);
// 0 when never recorded.
absl::StatusOr<int> GetEstablishedStaff(db::Transaction& tx, const std::string& j);

}  // namespace auxpro::personnel::store
