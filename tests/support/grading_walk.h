#pragma once

// DOMAIN.md section 7 example 1 walked through the gRPC API of all five services, each step by
// the agency that must take it and, where the test asks, refused for the others: hiring, the
// level-5 procedure (bureau and HR company jointly, filed with the establishment office), the
// facts of table 1 (exam 72, 83 % from 40 responses, +15 level points), level 4 by the
// establishment office's result notice, the level-3 check failing on level points and
// satisfaction, and the demotion back to level 5. The same walk runs against one process and
// against five (a channel per service and agency kind).

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <string>

#include "auxpro/grading/v1/grading_service.grpc.pb.h"

namespace auxpro::testing {

// A channel to `service` ("personnel", "grading", ...) presenting the wenjiang certificate of
// `kind` ("ENFORCEMENT_BUREAU", "PUBLIC", ...; "SERVICE" the service identity).
using ChannelTo =
    std::function<std::shared_ptr<grpc::Channel>(const std::string& service, const std::string& kind)>;

// Runs the whole walk with gtest expectations (and ASSERTs inside: check HasFatalFailure()).
// `when_eligible` (optional) runs at the point where the person, at level 5, passes the check for
// level 4 (every row PASS), with the person's name. Returns the person's resource name.
std::string WalkExample1(const ChannelTo& channel, int serial,
                         const std::function<void(const std::string& person)>& when_eligible = {});

// The requirement check of `person` for `target` by the HR company, with the call's status.
grpc::Status CheckOf(const ChannelTo& channel, const std::string& person, int target,
                     grading::v1::RequirementCheck* out);

// The status of one row of a check (ROW_STATUS_UNSPECIFIED when absent).
grading::v1::RowStatus RowOf(const grading::v1::RequirementCheck& check,
                             grading::v1::Requirement requirement);

// The ErrorInfo reason of a status, "" when none.
std::string ReasonOf(const grpc::Status& status);

}  // namespace auxpro::testing
