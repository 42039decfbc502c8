#pragma once

// The assessment service's own policy values (auxpro.assessment.v1.AssessmentPolicy), one
// embedded file per jurisdiction (services/assessment/policies/*.textproto).

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/assessment/v1/assessment_policy.pb.h"

namespace auxpro::assessment {

// Problems of one policy: INVALID_ARGUMENT naming the field (tiers growing, the last one 0,
// approver levels UPPER_SNAKE; retakes 0-12; percent 0-100).
absl::Status ValidateAssessmentPolicy(const v1::AssessmentPolicy& policy);

// Every embedded file parsed and validated, or the first problem with the file's name.
absl::Status CheckAssessmentPolicies();

// The policy of jurisdiction `j`; FAILED_PRECONDITION naming `what` when `j` has none.
absl::StatusOr<const v1::AssessmentPolicy*> AssessmentPolicyOf(const std::string& j,
                                                               const std::string& what);

}  // namespace auxpro::assessment
