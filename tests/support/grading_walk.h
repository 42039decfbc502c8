#pragma once

// DOMAIN.md section 7 example 1 walked through the gRPC API of all five services, each step by
// the agency that must take it and, where the test asks, refused for the others: hiring, the
// level-5 procedure (bureau and HR company jointly, filed with the establishment office), the
// facts of table 1 (exam 72, 83 % from 40 responses, +15 level points), level 4 by the
// establishment office's result notice (in force only once its objection period has ended and
// the office's RunGradingSweep brings it into force: the level does not change at publication),
// the level-3 check failing on level points and satisfaction, and the demotion back to level 5.
// The same walk runs against one process and against five (a channel per service and agency
// kind).

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/connection_pool.h"

namespace auxpro::testing {

// A channel to `service` ("personnel", "grading", ...) presenting the wenjiang certificate of
// `kind` ("ENFORCEMENT_BUREAU", "PUBLIC", ...; "SERVICE" the service identity).
using ChannelTo = std::function<std::shared_ptr<grpc::Channel>(const std::string& service,
                                                               const std::string& kind)>;

// Runs the whole walk with gtest expectations (and ASSERTs inside: check HasFatalFailure()).
// `grading_db` is root access to grading's schema, used only to let the result notice's
// objection period pass (EndObjectionPeriod); every step is an API call.
// `when_eligible` (optional) runs at the point where the person, at level 5, passes the check for
// level 4 (every row PASS), with the person's name. Returns the person's resource name.
std::string WalkExample1(const ChannelTo& channel, db::ConnectionPool& grading_db, int serial,
                         const std::function<void(const std::string& person)>& when_eligible = {});

// Lets the objection period of the result notice `notice` (its resource name) end: moves its
// publication, last day and effective day back (in grading's schema, root access) by the
// period's length plus one day, so that its last day is the day before `today` and its decisions
// without objection take effect on `today` once the establishment office's RunGradingSweep runs.
// The API never takes effect ahead of today, so a test reaches the end of a period this way.
absl::Status EndObjectionPeriod(db::ConnectionPool& grading_db, const std::string& notice,
                                CivilDate today);

// The requirement check of `person` for `target` by the HR company, with the call's status.
grpc::Status CheckOf(const ChannelTo& channel, const std::string& person, int target,
                     grading::v1::RequirementCheck* out);

// The status of one row of a check (ROW_STATUS_UNSPECIFIED when absent).
grading::v1::RowStatus RowOf(const grading::v1::RequirementCheck& check,
                             grading::v1::Requirement requirement);

// The ErrorInfo reason of a status, "" when none.
std::string ReasonOf(const grpc::Status& status);

}  // namespace auxpro::testing
