// The evidence of a probation decision that another service reports: the results of a
// probationer's first centralized assessment (wenjiang 7.3.1.2: 试用期的辅助岗位人员应参加入职后首次
// 集中考核), received from the assessment service as ProbationAssessmentResult events. Pure.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"

namespace auxpro::personnel {

// At most this many results are kept on one period (a session has a handful of items, each with
// a few attempts).
inline constexpr int kMaxProbationAssessments = 50;

// INVALID_ARGUMENT naming the field (prefixed with `field`) when a reported result lacks its
// session, result or item, names a session or result outside jurisdiction `j`, or holds text the
// record cannot keep.
absl::Status ValidateProbationAssessment(const v1::ProbationAssessment& assessment,
                                         const std::string& j, const std::string& field);

// The person with the result recorded as evidence of the current employment period's probation
// (Person.probation_assessments): a result already recorded (same `result` name) is replaced, a
// new one appended. A person never hired (CANDIDATE) has no probation: INVALID_ARGUMENT (the
// event can never apply). A result for a person whose probation has ended, or who has exited,
// is still recorded on that period (it arrived after the decision). INVALID_ARGUMENT when the
// period already holds kMaxProbationAssessments other results.
absl::StatusOr<v1::Person> RecordProbationAssessment(const v1::Person& person,
                                                     const v1::ProbationAssessment& assessment);

// The evidence reference a probation decision defaults to when none is given: the session of the
// last reported result; "" when none was reported.
std::string DefaultProbationEvidence(const v1::Person& person);

}  // namespace auxpro::personnel
