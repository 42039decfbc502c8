#pragma once

// The SQL of leave requests. Every function takes the caller's transaction and the jurisdiction.
// Writes return the row as written.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/assessment/v1/leave_requests.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/transaction.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// A new request in state REQUESTED; `leave` carries days and approver_level as decided.
absl::StatusOr<v1::LeaveRequest> InsertLeave(db::Transaction& tx, const std::string& j,
                                             const std::string& id, const std::string& person_id,
                                             const std::string& unit_id,
                                             const v1::LeaveRequest& leave, absl::Time now);

// The request, locked FOR UPDATE when `lock` (a decision reads it so); nullopt when unknown.
absl::StatusOr<std::optional<v1::LeaveRequest>> FindLeave(db::Transaction& tx, const std::string& j,
                                                          const std::string& id, bool lock);

// Moves the request to `state`, with the decider and note (approve, reject) or the return date
// (RETURNED). Only from `from`: FAILED_PRECONDITION when another call moved it first.
absl::StatusOr<v1::LeaveRequest> UpdateLeaveState(
    db::Transaction& tx, const std::string& j, const v1::LeaveRequest& from,
    v1::LeaveRequest::State state, const std::string& decided_by, const std::string& note,
    const common::v1::Date* return_date, absl::Time now);

struct LeaveFilter {
  std::string person_id;  // "": any
  int state = 0;          // 0: any
};
absl::StatusOr<std::vector<v1::LeaveRequest>> ListLeave(db::Transaction& tx, const std::string& j,
                                                        const LeaveFilter& filter,
                                                        const std::string& after_id, int limit);

// The person's leave requests in `states` whose days overlap from..to, by start date.
absl::StatusOr<std::vector<v1::LeaveRequest>> PersonLeavesOverlapping(db::Transaction& tx,
                                                                      const std::string& j,
                                                                      const std::string& person_id,
                                                                      CivilDate from, CivilDate to);

}  // namespace auxpro::assessment::store
