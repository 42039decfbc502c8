#pragma once

// Who sits a centralized session and on what basis (wenjiang 7.3.1.2), and the verdict of the
// satisfaction item read from the survey service (7.3.1.5). Pure: no I/O, no clock.

#include "absl/status/statusor.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/common/calendar.h"

namespace auxpro::assessment {

// A participant as the rule sees it: in PROBATION now, and whether they were placed in an
// earlier session of the jurisdiction.
struct ParticipantFacts {
  std::string person;
  bool on_probation = false;
  bool sat_before = false;
};

// The basis of a participant of a session: a probationer placed for the
// first time sits the first centralized assessment after joining (PROBATION_FIRST_SESSION); anyone
// else (level 4 and above placed in every quarter as work allows, retakes) is REGULAR.
v1::AssessmentSession::ParticipationBasis DecideParticipation(const ParticipantFacts& facts);

// PUBLIC_SATISFACTION from the survey's rate: passed at the policy's
// assessment.satisfaction_pass_percent (0, not set: FAILED_PRECONDITION naming it); a sample
// below the survey's minimum is FAILED_PRECONDITION SATISFACTION_INSUFFICIENT (no result is made
// up from it).
absl::StatusOr<bool> DecideSatisfaction(const policy::v1::Assessment& policy,
                                        const survey::v1::SatisfactionRate& rate);

}  // namespace auxpro::assessment
