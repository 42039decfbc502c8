// The hiring procedure (policy employment.hiring_steps: shanxi art. 10, longquan art. 6, haimen
// 三(一)2-3): step records checked against the policy, and the steps a hire still lacks. Pure.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"

namespace auxpro::personnel {

// A step record as RecordHiringStep receives it: INVALID_ARGUMENT naming step.<field> for a step
// the policy does not list, an unset or future date, a start_date missing where the step has a
// minimum period or after the date, an unset result, a missing or too long evidence_ref;
// FAILED_PRECONDITION HIRING_STEP_TOO_SHORT for a PASSED step shorter than its minimum period.
absl::Status CheckHiringStepRecord(const policy::v1::Employment& employment,
                                   const v1::HiringStepRecord& record, CivilDate today);

// `person` with `record` replacing any earlier record of the same step (a retake).
v1::Person WithHiringStep(v1::Person person, const v1::HiringStepRecord& record);

// One failure "hiring_step.<code>" per step of the policy without a PASSED record, in policy
// order, citing the step's article (and saying FAILED when it was recorded as failed).
Decision CheckHiringStepsComplete(const policy::v1::Employment& employment,
                                  const v1::Person& person);

}  // namespace auxpro::personnel
